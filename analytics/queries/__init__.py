"""Read side: named SQL queries per entity, each returning a frame."""
