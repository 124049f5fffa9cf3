"""shoal: an independent traffic world for LLM-API distillation detection tests."""
