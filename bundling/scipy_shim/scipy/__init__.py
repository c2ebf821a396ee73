"""The bundle's scipy: only the assignment solver the app uses (see bundling/contents.py, "scipy").

The app calls one scipy function, ``scipy.optimize.linear_sum_assignment`` (kommandesk/domain/matching/optimal.py).
It lives in the C extension ``scipy.optimize._lsap``, which needs nothing but numpy; the real ``scipy.optimize``
package imports scipy.linalg, sparse, special and spatial with their own OpenBLAS on top (65 MB in the bundle).
The build puts the real ``_lsap`` extension beside this package and checks that the app imports nothing else from
scipy.
"""
