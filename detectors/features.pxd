# Static types for the compiled build of features.py (setup.py; the .py stays plain Python and runs alone).
import cython

cdef class AccountState:
    cdef public double created_s, first_ts, last_ts, anchor, w_day, w_hour, rate_1h, rate_1d
    cdef public double out_tokens, in_tokens, cot, thinking, tools, multi_turn, errors, throttled, new_model, dup
    cdef public double gap_mean, gap_m2, base_mean, base_var, shift, moves
    cdef public long long last_asn
    cdef public Py_ssize_t n_events, gap_n, next_summary
    cdef public object tasks, hours, recent, sent, recent_ids
    cdef public object payment, org, system_prompt, ip, network, client

    @cython.locals(ts=double, dt=double, w=double, cot=double, g=double, delta=double, age=double, w_day=double,
                   x=double, diff=double, z=double, shift=double, filled=Py_ssize_t, i=Py_ssize_t,
                   status=Py_ssize_t, heartbeat=bint, asn=object)
    cpdef bint update(self, event, bint new_model=*, double heartbeat_s=*)

cpdef tuple ew_step(double mean, double var, double x, double a)
