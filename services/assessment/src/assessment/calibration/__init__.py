"""Item calibration: MML estimation per area, item fit and LT/EN DIF (pure numerics) and its runs."""
