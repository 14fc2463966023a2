# How the build stays quick on a 2-core machine (the README says how long a clean run takes):
#
# - Unity builds, one translation unit per source folder. Most of a test file's compile time is
#   spent parsing and instantiating the same headers (doctest, nlohmann/json, the core) that its
#   neighbours parse again; one unit per folder does that once. A folder is the unit so that a new
#   file joins a known group instead of shifting batch boundaries: names in a file's anonymous
#   namespace must be unique within its folder. EVENTLAB_UNITY=OFF builds file by file (quicker
#   edit-compile cycles on one file, and the way to check a file compiles alone).
# - Test code is compiled without optimisation and with line tables only (EVENTLAB_TEST_FLAGS):
#   the code under test keeps the build type's flags, the tests' own code only has to run.
# - mold links, where it is installed (the link of a test executable with debug info takes bfd
#   several seconds).
option(EVENTLAB_UNITY "Compile each source folder as one translation unit" ON)
if(EVENTLAB_UNITY AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC warns when a class defined in an included file holds a type from an anonymous namespace,
  # since a header's class would then differ between translation units. In a unity build every
  # .cpp is an included file, and each is still compiled exactly once: a false positive here.
  target_compile_options(eventlab_warnings INTERFACE -Wno-subobject-linkage)
endif()
set(EVENTLAB_TEST_FLAGS "-O0 -g1" CACHE STRING "Compiler flags for the tests' own sources")

# Puts every C++ source of `target` into the unity group of its folder.
function(eventlab_unity_by_folder target)
  if(NOT EVENTLAB_UNITY)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  get_target_property(target_dir ${target} SOURCE_DIR)
  foreach(source IN LISTS sources)
    get_filename_component(path "${source}" ABSOLUTE BASE_DIR "${target_dir}")
    if(NOT path MATCHES "\\.cpp$" OR path MATCHES "^${PROJECT_BINARY_DIR}/")
      continue()  # generated sources (embedded assets) stay units of their own
    endif()
    get_filename_component(folder "${path}" DIRECTORY)
    file(RELATIVE_PATH group "${PROJECT_SOURCE_DIR}" "${folder}")
    string(MAKE_C_IDENTIFIER "${group}" group)
    set_property(SOURCE "${path}" TARGET_DIRECTORY ${target} PROPERTY UNITY_GROUP "${group}")
  endforeach()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
endfunction()

# A test executable: unity by folder, EVENTLAB_TEST_FLAGS on its own sources.
function(eventlab_test_code target)
  eventlab_unity_by_folder(${target})
  separate_arguments(flags UNIX_COMMAND "${EVENTLAB_TEST_FLAGS}")
  target_compile_options(${target} PRIVATE ${flags})
endfunction()

find_program(EVENTLAB_MOLD mold)
if(EVENTLAB_MOLD)
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-fuse-ld=mold" EVENTLAB_HAS_MOLD)
  if(EVENTLAB_HAS_MOLD)
    add_link_options(-fuse-ld=mold)
  endif()
endif()
