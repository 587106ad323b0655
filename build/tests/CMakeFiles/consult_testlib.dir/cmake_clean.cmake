file(REMOVE_RECURSE
  "CMakeFiles/consult_testlib.dir/unit/testlib.c.o"
  "CMakeFiles/consult_testlib.dir/unit/testlib.c.o.d"
  "libconsult_testlib.a"
  "libconsult_testlib.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/consult_testlib.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
