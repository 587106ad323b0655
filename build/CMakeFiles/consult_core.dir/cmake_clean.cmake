file(REMOVE_RECURSE
  "CMakeFiles/consult_core.dir/src/core/audit.c.o"
  "CMakeFiles/consult_core.dir/src/core/audit.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/consultation.c.o"
  "CMakeFiles/consult_core.dir/src/core/consultation.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/db.c.o"
  "CMakeFiles/consult_core.dir/src/core/db.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/error.c.o"
  "CMakeFiles/consult_core.dir/src/core/error.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/participant.c.o"
  "CMakeFiles/consult_core.dir/src/core/participant.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/schema.c.o"
  "CMakeFiles/consult_core.dir/src/core/schema.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/stmt.c.o"
  "CMakeFiles/consult_core.dir/src/core/stmt.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/theme.c.o"
  "CMakeFiles/consult_core.dir/src/core/theme.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/types.c.o"
  "CMakeFiles/consult_core.dir/src/core/types.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/user.c.o"
  "CMakeFiles/consult_core.dir/src/core/user.c.o.d"
  "CMakeFiles/consult_core.dir/src/core/util.c.o"
  "CMakeFiles/consult_core.dir/src/core/util.c.o.d"
  "libconsult_core.a"
  "libconsult_core.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/consult_core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
