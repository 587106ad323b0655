# Empty compiler generated dependencies file for consult.
# This may be replaced when dependencies are built.
