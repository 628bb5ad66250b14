"""Settings, the KPI catalogue and its rules: what every other layer is configured by."""
