"""Functions that take frames and return frames: peers, ranks, benchmark, profile, programmes, grants, class breaks."""
