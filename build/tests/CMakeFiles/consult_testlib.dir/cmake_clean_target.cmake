file(REMOVE_RECURSE
  "libconsult_testlib.a"
)
