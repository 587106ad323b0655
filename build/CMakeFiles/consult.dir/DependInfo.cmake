
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/cli/cli.c" "CMakeFiles/consult.dir/src/cli/cli.c.o" "gcc" "CMakeFiles/consult.dir/src/cli/cli.c.o.d"
  "/work/main/src/cli/main.c" "CMakeFiles/consult.dir/src/cli/main.c.o" "gcc" "CMakeFiles/consult.dir/src/cli/main.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/CMakeFiles/consult_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
