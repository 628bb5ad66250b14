"""Reading and checking submitted files: the problem type, the file reader, the validators, URL value checks."""
