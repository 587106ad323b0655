file(REMOVE_RECURSE
  "libconsult_core.a"
)
