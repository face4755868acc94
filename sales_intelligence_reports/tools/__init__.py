from . import snapshot_periods
