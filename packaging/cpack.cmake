# Two Debian packages from one build (`cmake --build build --target package`):
#   civicdesk         the workstation, its desktop entry, AppStream metadata, icon and the demo city
#   civicdesk-server  the central store, its systemd units and examples, a system user on install
# Shared-library dependencies are computed by dpkg-shlibdeps; only what is loaded at run time
# (Qt's SQL drivers and platform plugins, Leaflet, and tzdata for the city's time zone, found
# missing by the clean-root install test) is listed by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME civicdesk)
set(CPACK_PACKAGE_VENDOR "CivicDesk")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each package's description starts with its own summary line; CPackDeb prepends the project's
# summary unless it is left at CPack's default, which is what this says.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_CONTACT "CivicDesk developers <civicdesk@example.org>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/packages)
set(CPACK_COMPONENTS_ALL workstation server)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/civicdesk/civicdesk")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_WORKSTATION_PACKAGE_NAME civicdesk)
set(CPACK_DEBIAN_WORKSTATION_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_WORKSTATION_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, qt6-qpa-plugins, tzdata, libjs-leaflet, libjs-leaflet.markercluster")
# Speech engines for the display board's spoken call-out (--speak-calls) and the practice
# caller's voice; silent without one. Flite speaks English; speech-dispatcher with espeak-ng
# speaks Spanish (each picks the engine per language).
set(CPACK_DEBIAN_WORKSTATION_PACKAGE_RECOMMENDS
    "qt6-speech-flite-plugin, qt6-speech-speechd-plugin, speech-dispatcher-espeak-ng")
set(CPACK_DEBIAN_WORKSTATION_DESCRIPTION "311 contact-centre workstation
CivicDesk combines caller intake, a searchable knowledge base, a map of
service locations and request history in one keyboard-first window. It works
offline on its own store and syncs with civicdesk-server. The Boston demo city
is included.")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME civicdesk-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite, tzdata")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libqt6sql6-psql")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "nginx, postgresql")
set(CPACK_DEBIAN_SERVER_DESCRIPTION "central store of the CivicDesk 311 workstation
civicdesk-server keeps a city's event log on SQLite or PostgreSQL 15, serves
the sync API to CivicDesk workstations and Open311 GeoReport v2 to web, mobile
and open-data clients, and enforces every role's permissions itself.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/debian/server/postinst;${CMAKE_CURRENT_LIST_DIR}/debian/server/prerm;${CMAKE_CURRENT_LIST_DIR}/debian/server/postrm")
include(CPack)
