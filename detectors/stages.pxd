# Static types for the compiled build of stages.py (setup.py; the .py stays plain Python and runs alone).
import cython
from detectors.features cimport AccountState

cdef class AccountStage:
    cdef public dict states
    cdef public object catalog
    cdef public double clock, ttl_s, heartbeat_s

    @cython.locals(state=AccountState, ts=cython.double, before_dup=cython.double, due=cython.bint,
                   moved_from=cython.longlong)
    cpdef bint process(self, event, list out)

    @cython.locals(young=cython.bint)
    cdef void _links(self, str account, AccountState state, event, double ts, bint repeated, long long moved_from,
                     list out)

@cython.locals(digest=cython.ulong)
cdef bint _first(sent, bytes key)

@cython.locals(stage=AccountStage, n=cython.Py_ssize_t)
cpdef list run(events, Py_ssize_t partitions=*, long seed=*, double ttl_s=*, probe=*, Py_ssize_t probe_every=*,
               double account_volume_margin=*, double account_critical_margin=*)
