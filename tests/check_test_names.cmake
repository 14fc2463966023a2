# Fails when a doctest test case name contains , ; or \ : ctest's discovery splits names at ';'
# and doctest's -tc filter splits at ',', so such a test would run nothing and still "pass".
foreach(exe IN LISTS EXECUTABLES)
  execute_process(COMMAND ${exe} --list-test-cases --no-intro=true --no-version=true
                  OUTPUT_VARIABLE listing RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${exe} --list-test-cases failed (${status})")
  endif()
  string(REGEX MATCHALL "[^\n]*[,;\\\\][^\n]*" bad "${listing}")
  if(bad)
    message(FATAL_ERROR "test names that ctest/doctest cannot filter in ${exe}:\n${bad}")
  endif()
endforeach()
