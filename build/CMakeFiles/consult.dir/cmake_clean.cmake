file(REMOVE_RECURSE
  "CMakeFiles/consult.dir/src/cli/cli.c.o"
  "CMakeFiles/consult.dir/src/cli/cli.c.o.d"
  "CMakeFiles/consult.dir/src/cli/main.c.o"
  "CMakeFiles/consult.dir/src/cli/main.c.o.d"
  "consult"
  "consult.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/consult.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
