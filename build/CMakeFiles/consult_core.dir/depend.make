# Empty dependencies file for consult_core.
# This may be replaced when dependencies are built.
