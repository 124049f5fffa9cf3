"""cove: an independent synthetic traffic world (benign population + distillation campaigns)."""
