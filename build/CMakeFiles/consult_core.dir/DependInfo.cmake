
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/core/audit.c" "CMakeFiles/consult_core.dir/src/core/audit.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/audit.c.o.d"
  "/work/main/src/core/consultation.c" "CMakeFiles/consult_core.dir/src/core/consultation.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/consultation.c.o.d"
  "/work/main/src/core/db.c" "CMakeFiles/consult_core.dir/src/core/db.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/db.c.o.d"
  "/work/main/src/core/error.c" "CMakeFiles/consult_core.dir/src/core/error.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/error.c.o.d"
  "/work/main/src/core/participant.c" "CMakeFiles/consult_core.dir/src/core/participant.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/participant.c.o.d"
  "/work/main/src/core/schema.c" "CMakeFiles/consult_core.dir/src/core/schema.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/schema.c.o.d"
  "/work/main/src/core/stmt.c" "CMakeFiles/consult_core.dir/src/core/stmt.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/stmt.c.o.d"
  "/work/main/src/core/theme.c" "CMakeFiles/consult_core.dir/src/core/theme.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/theme.c.o.d"
  "/work/main/src/core/types.c" "CMakeFiles/consult_core.dir/src/core/types.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/types.c.o.d"
  "/work/main/src/core/user.c" "CMakeFiles/consult_core.dir/src/core/user.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/user.c.o.d"
  "/work/main/src/core/util.c" "CMakeFiles/consult_core.dir/src/core/util.c.o" "gcc" "CMakeFiles/consult_core.dir/src/core/util.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
