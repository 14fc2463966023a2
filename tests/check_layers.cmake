# Fails when a file includes a header of a layer above its own. src/core is the simulated Tauri
# app: `eventlab run`, the bridge and the core tests build it without the views, the panels,
# ImGui or a display. src/view holds the panels' models without ImGui, so tests drive them
# headless. The linker enforces the same for libraries (a core file calling into the view does
# not link); this check also catches a header-only use, which the linker never sees.
#   cmake -DSOURCE_DIR=<repo>/src -P check_layers.cmake
set(forbidden_core [=[#[ \t]*include[ \t]*[<"](view/|ui/|app/|bridge/|imgui|GLFW/|glad/|GL/)]=])
set(forbidden_view [=[#[ \t]*include[ \t]*[<"](ui/|app/|bridge/|imgui|GLFW/|glad/|GL/)]=])

set(violations "")
foreach(layer core view)
  file(GLOB_RECURSE sources "${SOURCE_DIR}/${layer}/*.h" "${SOURCE_DIR}/${layer}/*.cpp"
       "${SOURCE_DIR}/${layer}/*.in")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "${forbidden_${layer}}")
    foreach(line IN LISTS lines)
      file(RELATIVE_PATH name "${SOURCE_DIR}" "${source}")
      string(APPEND violations "  src/${name}: ${line}\n")
    endforeach()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "headers from a layer above (core < view < ui/app):\n${violations}")
endif()
