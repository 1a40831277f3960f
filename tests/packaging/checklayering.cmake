# Every dependency points down (README, Architecture): checks the includes of every C++ file under
# SOURCE_DIR and fails listing each one that breaks a rule, with the rule.
#   - Every include of the project's own headers names its layer from the repository top
#     ("models/store/database.h"), apart from moc and uic output.
#   - models/domain includes only models/domain; models/store only domain and store.
#   - No models/ folder includes widgets (ui/), the programs (app/) or item models; only sync
#     includes sync; only central and accounts include them (server only). models/workstation
#     (the object graph the widgets are handed: StoreContext, SupervisionServices) sits above
#     the capabilities and the item models, and no other models/ folder includes it.
#   - The workstation (ui/, app/workstation) includes neither central nor accounts; ui/
#     includes no program (app/): the composition root hands the widgets its graph.
#   - Nothing under ui/ opens a Database or makes a store (Database::open, PracticeStore::create).
#   - Nothing under ui/ constructs a store reader (a repository, readback, timeline, figures,
#     store, services, lookup…, by value, as a temporary, with new or make_unique; an item model
#     made from a Database), hands a Database to anything (a constructor, a member's
#     initialiser, a free function: `m_watch(context.database, …)`), or reads the store by its
#     connection (`connectionName()`), or holds a Database (`Database &`): the composition root (app/workstation/workspace) builds
#     the readers and services and hands them over. No file is excepted.
cmake_minimum_required(VERSION 3.25)

file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
  ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
  ${SOURCE_DIR}/models/*.cpp ${SOURCE_DIR}/models/*.h
  ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/ui/*.h
  ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h
  ${SOURCE_DIR}/translations/*.cpp ${SOURCE_DIR}/translations/*.h)

# Names the reader pattern catches that read no store: widgets' helpers and value types.
set(not_readers ExportActions PhoneFigures OwnFigures)
set(reader_type "[A-Z][A-Za-z0-9]*(Repository|Readback|Timeline|Duplicates|Queries|Services|Service|Figures|Reviews|Kpis|Store|Actions|Reports|Reader|Loader|Journal|Lookup)")
set(graph_construction
    "(make_unique|make_shared)<StoreContext>|(^|[^A-Za-z0-9_:])StoreContext[ ]+[a-z_][A-Za-z0-9_]*[ ]*[({]")
set(reader_construction
    "(^|[^A-Za-z0-9_:])${reader_type}(>?\\(|[ ]*\\{|[ ]+[a-z_][A-Za-z0-9_]*[ ]*[({;])|[A-Z][A-Za-z0-9]*Model>?\\([^)]*[dD]atabase")
# A Database handed over as an argument (`(context.database,`, `(m_database)`, `{db}`), or the
# store read by its connection name.
set(store_handed
    "[(,{][ ]*([A-Za-z_][A-Za-z0-9_]*(\\.|->))*(m_)?(database|db)[ ]*[,)}]|connectionName[ ]*\\(")

set(problems "")
# Every line of `file` matching `regex`, comments left out, refused with `rule`.
function(refuse_code_lines file regex rule)
  file(STRINGS ${SOURCE_DIR}/${file} matched REGEX "${regex}")
  foreach(line IN LISTS matched)
    if(line MATCHES "^[ \t]*//")
      continue()
    endif()
    string(STRIP "${line}" line)
    string(APPEND problems "  ${file}: `${line}`: ${rule}\n")
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()
macro(refuse file include rule)
  string(APPEND problems "  ${file}: #include \"${include}\": ${rule}\n")
endmacro()

foreach(file IN LISTS sources)
  file(STRINGS ${SOURCE_DIR}/${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" include "${line}")
    if(include MATCHES "\\.moc$" OR include MATCHES "(^|/)ui_[a-z0-9_]+\\.h$")
      continue()
    endif()
    if(NOT include MATCHES "^(app|models|ui|tests|translations)/")
      refuse(${file} ${include} "name the header from the repository top (its layer first)")
      continue()
    endif()
    if(file MATCHES "^models/domain/" AND NOT include MATCHES "^models/domain/")
      refuse(${file} ${include} "models/domain includes only models/domain (Qt Core value types)")
    elseif(file MATCHES "^models/store/" AND NOT include MATCHES "^models/(domain|store)/")
      refuse(${file} ${include} "the store core includes no capability")
    endif()
    if(file MATCHES "^models/")
      if(include MATCHES "^(ui|app)/")
        refuse(${file} ${include} "the model layer includes no widgets and no program")
      elseif(include MATCHES "^models/itemmodels/"
             AND NOT file MATCHES "^models/(itemmodels|workstation)/")
        refuse(${file} ${include} "capabilities include no item models")
      elseif(include MATCHES "^models/workstation/" AND NOT file MATCHES "^models/workstation/")
        refuse(${file} ${include} "no capability includes the object graph above it")
      elseif(include MATCHES "^models/sync/" AND NOT file MATCHES "^models/sync/")
        refuse(${file} ${include} "capabilities include no sync code")
      elseif(include MATCHES "^models/(central|accounts)/"
             AND NOT file MATCHES "^models/(central|accounts)/")
        refuse(${file} ${include} "server-only code is included by the server alone")
      endif()
    endif()
    if(file MATCHES "^(ui|app/workstation)/" AND include MATCHES "^models/(central|accounts)/")
      refuse(${file} ${include} "the workstation links neither central nor accounts")
    endif()
    if(file MATCHES "^ui/" AND include MATCHES "^app/")
      refuse(${file} ${include} "widgets include no program (the composition root hands them its graph)")
    endif()
  endforeach()
  if(file MATCHES "^ui/")
    file(STRINGS ${SOURCE_DIR}/${file} opens REGEX "(Database::open|Store::create)\\(")
    if(opens)
      string(APPEND problems
             "  ${file}: opens a store: nothing under ui/ opens a Database or makes a store (the "
             "composition root does)\n")
    endif()
  endif()
  if(file MATCHES "^ui/")
    file(STRINGS ${SOURCE_DIR}/${file} builds REGEX "${reader_construction}")
    foreach(line IN LISTS builds)
      if(line MATCHES "^[ \t]*//")
        continue()
      endif()
      string(REGEX MATCHALL "[A-Z][A-Za-z0-9]*" names "${line}")
      set(reader_named FALSE)
      foreach(name IN LISTS names)
        if(name MATCHES "^${reader_type}$|Model$" AND NOT name IN_LIST not_readers)
          set(reader_named TRUE)
        endif()
      endforeach()
      if(NOT reader_named)
        continue()
      endif()
      string(STRIP "${line}" line)
      string(APPEND problems "  ${file}: `${line}`: ui/ builds no store reader "
                             "(the composition root hands it over)\n")
    endforeach()
    refuse_code_lines("${file}" "${store_handed}"
                      "ui/ hands no Database to a reader and reads none by its connection (the composition root's services do)")
    refuse_code_lines("${file}" "(\\.|->)database(\\.|->)"
                      "ui/ reads nothing through the graph's Database (StoreContext::meta, changes, storePath; the services)")
    file(STRINGS ${SOURCE_DIR}/${file} held REGEX "(^|[^A-Za-z0-9_])Database[ ]*[&*]")
    foreach(line IN LISTS held)
      string(STRIP "${line}" line)
      string(APPEND problems "  ${file}: `${line}`: ui/ holds no Database (it is handed the "
                             "services over it)\n")
    endforeach()
    file(STRINGS ${SOURCE_DIR}/${file} graphs REGEX "${graph_construction}")
    foreach(line IN LISTS graphs)
      string(STRIP "${line}" line)
      string(APPEND problems "  ${file}: `${line}`: the object graph (StoreContext) is built by "
                             "the composition root alone (app/workstation/workspace)\n")
    endforeach()
  endif()
endforeach()

list(LENGTH sources count)
if(problems)
  message(FATAL_ERROR "Includes against the layering (README, Architecture):\n${problems}")
endif()
message(STATUS "${count} files: every include points down")
