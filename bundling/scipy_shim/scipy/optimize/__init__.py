"""The bundle's scipy.optimize: the real scipy's linear_sum_assignment (its C extension _lsap), nothing else."""

from scipy.optimize._lsap import linear_sum_assignment

__all__ = ["linear_sum_assignment"]
