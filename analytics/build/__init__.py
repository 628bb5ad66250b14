"""The warehouse build: the steps and the pipeline that lists them (reference, KPI layer, programme facts, practices, demo)."""
