# Fails when a file includes a header of a layer above its own. src/core is the simulated Tauri
# app: `eventlab run`, the bridge and the core tests build it without the views, the panels,
# ImGui or a display. src/view holds the panels' models without ImGui, so tests drive them
# headless. The linker enforces the same for libraries (a core file calling into the view does
# not link); this check also catches a header-only use, which the linker never sees.
#
# Inside the core the folders are layers too, lowest first (docs/architecture.md says what each
# holds): a file includes headers of its own folder and of the folders before it, never of one
# after it. The linker cannot see this (the core is one library), so only this check keeps the
# order, and with it the freedom to build and test a lower folder without the ones above.
#
# And one door into the simulated app: the inspector (src/ui, src/view, src/app) calls Session,
# never the bus behind it (Session::bus(); core/app/session.h says why).
#   cmake -DSOURCE_DIR=<repo>/src -P check_layers.cmake
cmake_minimum_required(VERSION 3.25)  # script mode: IN_LIST and the other current policies
set(forbidden_core [=[#[ \t]*include[ \t]*[<"](view/|ui/|app/|bridge/|imgui|GLFW/|glad/|GL/)]=])
set(forbidden_view [=[#[ \t]*include[ \t]*[<"](ui/|app/|bridge/|imgui|GLFW/|glad/|GL/)]=])
set(core_order util record bus acl tap app scenario trace)

# Appends "  src/NAME: LINE" to `violations` for each line of the files under DIR matching REGEX.
function(find_lines dir regex)
  file(GLOB_RECURSE sources "${SOURCE_DIR}/${dir}/*.h" "${SOURCE_DIR}/${dir}/*.cpp"
       "${SOURCE_DIR}/${dir}/*.in")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "${regex}")
    foreach(line IN LISTS lines)
      file(RELATIVE_PATH name "${SOURCE_DIR}" "${source}")
      string(APPEND violations "  src/${name}: ${line}\n")
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

set(violations "")
foreach(layer core view)
  find_lines(${layer} "${forbidden_${layer}}")
endforeach()
if(violations)
  message(FATAL_ERROR "headers from a layer above (core < view < ui/app):\n${violations}")
endif()

# A folder the order does not name would escape the check: it must be placed first.
file(GLOB entries LIST_DIRECTORIES true RELATIVE "${SOURCE_DIR}/core" "${SOURCE_DIR}/core/*")
foreach(entry IN LISTS entries)
  if(IS_DIRECTORY "${SOURCE_DIR}/core/${entry}" AND NOT entry IN_LIST core_order)
    string(APPEND violations "  src/core/${entry}: not in the order; add it to core_order\n")
  endif()
endforeach()
set(later ${core_order})
foreach(folder IN LISTS core_order)
  list(POP_FRONT later)
  if(NOT later)
    break()
  endif()
  list(JOIN later "|" above)
  find_lines(core/${folder} "#[ \t]*include[ \t]*[<\"]core/(${above})/")
endforeach()
if(violations)
  list(JOIN core_order " < " order)
  message(FATAL_ERROR "headers from a folder above in src/core (${order}):\n${violations}")
endif()

foreach(layer ui view app)
  find_lines(${layer} [=[(\.|->)bus\(\)]=])
endforeach()
if(violations)
  message(FATAL_ERROR "calls past Session into the bus (the inspector's door is Session):\n"
                      "${violations}")
endif()
