# Empty compiler generated dependencies file for consult_testlib.
# This may be replaced when dependencies are built.
