"""Where data comes from: submission files, the official facts and the seeded demo as files, and the preparation of data/ from ../shared."""
