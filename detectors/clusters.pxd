# Static types for the compiled build of clusters.py (setup.py; the .py stays plain Python and runs alone).
import cython

@cython.locals(n=Py_ssize_t, chance=Py_ssize_t, hits=list, later=list, earlier=list)
cpdef double _coincidence_share(list stamps, double window=*, double control_lag=*) except? -1.0

@cython.locals(n=Py_ssize_t, lo=Py_ssize_t, hi=Py_ssize_t, i=Py_ssize_t, t=double, start=double, end=double,
               out=list)
cpdef list _has_neighbour(list stamps, double offset, double window)

@cython.locals(n=Py_ssize_t, cot=double, output=double, narrow=double, repetition=double, new_model=double,
               agentic=double, daily_output=double, young=Py_ssize_t, new_24h=Py_ssize_t, rotating=Py_ssize_t, day_ago=double,
               total=Py_ssize_t, entropy=double,
               max_entropy=double, mean=double, sd=double, shared_card=double, shared_prompt=Py_ssize_t, ringed=Py_ssize_t, n_owners=Py_ssize_t,
               shared_template=Py_ssize_t, pooled=Py_ssize_t, cross=Py_ssize_t, network_counts=dict, values=tuple, h=Py_ssize_t, cards=list, counts=list, stamps=list,
               held_prompts=list, held_templates=list, templates=list, f=dict, hours=dict, orgs=dict, clients=dict)
cpdef dict cluster_features(list members, double ts, keys=*, member_keys=*, drawn=*, passing=*, arrivals=*)
