<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AccountStore</name>
    <message>
        <source>Not enough memory to hash the password; try again.</source>
        <translation>No hay memoria suficiente para calcular el hash de la contraseña; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>A user name is 2 to 64 characters: lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>Un nombre de usuario tiene de 2 a 64 caracteres: letras minúsculas, dígitos, &apos;.&apos;, &apos;_&apos; o &apos;-&apos;, y empieza con una letra o un dígito.</translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation>Una contraseña debe tener al menos %1 caracteres.</translation>
    </message>
    <message>
        <source>A password may have at most 1024 characters.</source>
        <translation>Una contraseña puede tener como máximo 1024 caracteres.</translation>
    </message>
    <message>
        <source>The password must not be the user name.</source>
        <translation>La contraseña no puede ser igual al nombre de usuario.</translation>
    </message>
    <message>
        <source>No user named &quot;%1&quot;.</source>
        <translation>No existe el usuario &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>A user named &quot;%1&quot; already exists; use --reset-password to change the password.</source>
        <translation>Ya existe un usuario llamado &quot;%1&quot;; use --reset-password para cambiar la contraseña.</translation>
    </message>
    <message>
        <source>Unknown user name or wrong password.</source>
        <translation>Nombre de usuario desconocido o contraseña incorrecta.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: this account is locked for %1 seconds. Try again later or ask an administrator.</source>
        <translation>Demasiados intentos fallidos de inicio de sesión: esta cuenta está bloqueada durante %1 segundos. Vuelva a intentarlo más tarde o consulte a un administrador.</translation>
    </message>
    <message>
        <source>This account is disabled; ask an administrator.</source>
        <translation>Esta cuenta está deshabilitada; consulte a un administrador.</translation>
    </message>
    <message>
        <source>An API key label is 1 to 100 characters, e.g. the name of the app or partner that will use it.</source>
        <translation>Una etiqueta de clave de API tiene de 1 a 100 caracteres, p. ej., el nombre de la aplicación o del socio que la usará.</translation>
    </message>
    <message>
        <source>An API key labelled &quot;%1&quot; exists already; revoke it first or choose another label.</source>
        <translation>Ya existe una clave de API con la etiqueta &quot;%1&quot;; revóquela primero o elija otra etiqueta.</translation>
    </message>
    <message>
        <source>No active API key labelled &quot;%1&quot;.</source>
        <translation>No hay ninguna clave de API activa con la etiqueta &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>AdminCommands</name>
    <message>
        <source>Password: </source>
        <translation>Contraseña: </translation>
    </message>
    <message>
        <source>added user %1 (%2)</source>
        <translation>se agregó el usuario %1 (%2)</translation>
    </message>
    <message>
        <source>password of %1 changed; their sessions ended</source>
        <translation>se cambió la contraseña de %1; sus sesiones se cerraron</translation>
    </message>
    <message>
        <source>disabled user %1</source>
        <translation>se deshabilitó el usuario %1</translation>
    </message>
    <message>
        <source>enabled user %1</source>
        <translation>se habilitó el usuario %1</translation>
    </message>
    <message>
        <source>API key for %1 (shown once; keep it secret):</source>
        <translation>Clave de API para %1 (se muestra una sola vez; manténgala en secreto):</translation>
    </message>
    <message>
        <source>revoked the API key of %1</source>
        <translation>se revocó la clave de API de %1</translation>
    </message>
</context>
<context>
    <name>AgentTeams</name>
    <message>
        <source>Choose the agent first.</source>
        <translation>Elija primero el agente.</translation>
    </message>
</context>
<context>
    <name>ApiGate</name>
    <message>
        <source>Sign in first: send &quot;Authorization: Bearer &lt;token&gt;&quot; with the token from POST /api/v1/login.</source>
        <translation>Inicie sesión primero: envíe &quot;Authorization: Bearer &lt;token&gt;&quot; con el token de POST /api/v1/login.</translation>
    </message>
    <message>
        <source>The token is unknown, expired or signed out; sign in again.</source>
        <translation>El token es desconocido, caducó o la sesión se cerró; vuelva a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>ArticleLifecycle</name>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicado</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivado</translation>
    </message>
    <message>
        <source>An article cannot go from &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>Un artículo no puede pasar de &quot;%1&quot; a &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Only a supervisor can move an article from &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>Solo un supervisor puede pasar un artículo de &quot;%1&quot; a &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Only editors and supervisors can change articles.</source>
        <translation>Solo los editores y los supervisores pueden modificar artículos.</translation>
    </message>
    <message>
        <source>An archived article cannot be changed; restore it as a draft first.</source>
        <translation>Un artículo archivado no se puede modificar; primero restáurelo como borrador.</translation>
    </message>
    <message>
        <source>Only a supervisor can change a published article directly; save a revision beside it instead.</source>
        <translation>Solo un supervisor puede cambiar directamente un artículo publicado; guarde en su lugar una revisión junto a él.</translation>
    </message>
    <message>
        <source>Only a published article is revised beside its live version; change a draft directly.</source>
        <translation>Solo un artículo publicado se revisa junto a su versión vigente; un borrador se cambia directamente.</translation>
    </message>
    <message>
        <source>Only a supervisor can publish a revision.</source>
        <translation>Solo un supervisor puede publicar una revisión.</translation>
    </message>
</context>
<context>
    <name>BaresipAdapter</name>
    <message>
        <source>baresip at %1:%2</source>
        <translation>baresip en %1:%2</translation>
    </message>
    <message>
        <source>The phone refused the command: %1</source>
        <translation>El teléfono rechazó la orden: %1</translation>
    </message>
</context>
<context>
    <name>CallEventSocketAdapter</name>
    <message>
        <source>call-event socket %1</source>
        <translation>socket de eventos de llamada %1</translation>
    </message>
    <message>
        <source>call-event socket %1:%2</source>
        <translation>socket de eventos de llamada %1:%2</translation>
    </message>
    <message>
        <source>a line longer than %1 bytes</source>
        <translation>una línea de más de %1 bytes</translation>
    </message>
    <message>
        <source>not a JSON object (%1)</source>
        <translation>no es un objeto JSON (%1)</translation>
    </message>
    <message>
        <source>The phone system refused the command: %1</source>
        <translation>La central telefónica rechazó la orden: %1</translation>
    </message>
    <message>
        <source>&quot;call_id&quot; must be 1 to %1 characters</source>
        <translation>«call_id» debe tener de 1 a %1 caracteres</translation>
    </message>
    <message>
        <source>&quot;at&quot; is not an ISO 8601 time</source>
        <translation>«at» no es una hora ISO 8601</translation>
    </message>
    <message>
        <source>&quot;language&quot; is not a language code</source>
        <translation>«language» no es un código de idioma</translation>
    </message>
    <message>
        <source>&quot;cause&quot; %1 is not one of normal, missed, busy, rejected, transferred, failed</source>
        <translation>«cause» %1 no es ninguna de normal, missed, busy, rejected, transferred, failed</translation>
    </message>
    <message>
        <source>&quot;event&quot; must be offered, answered, ended or error</source>
        <translation>«event» debe ser offered, answered, ended o error</translation>
    </message>
</context>
<context>
    <name>Caller</name>
    <message>
        <source>The name is too long: at most %1 characters.</source>
        <translation>El nombre es demasiado largo: como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number: give 10 digits, such as (617) 555-0100, or + and the country code for another country.</source>
        <translation>&quot;%1&quot; no es un número de teléfono: indique 10 dígitos, como (617) 555-0100, o + y el código de país si es de otro país.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address: it looks like name@example.org.</source>
        <translation>&quot;%1&quot; no es una dirección de correo electrónico: tiene la forma nombre@example.org.</translation>
    </message>
</context>
<context>
    <name>CategoryNames</name>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>«%1» debe ser %2.</translation>
    </message>
    <message>
        <source>keyed by the catalogue&apos;s service groups, none empty</source>
        <translation>un objeto cuyas claves son los grupos de servicios del catálogo, ninguna vacía</translation>
    </message>
    <message>
        <source>an object of names by language, e.g. {&quot;en&quot;: &quot;Animals&quot;, &quot;es&quot;: &quot;Animales&quot;}</source>
        <translation>un objeto de nombres por idioma, p. ej. {&quot;en&quot;: &quot;Animals&quot;, &quot;es&quot;: &quot;Animales&quot;}</translation>
    </message>
    <message>
        <source>keyed by an ISO 639 language code such as en or es</source>
        <translation>una clave de idioma ISO 639, como en o es</translation>
    </message>
    <message>
        <source>a name of 1 to %1 characters</source>
        <translation>un nombre de 1 a %1 caracteres</translation>
    </message>
</context>
<context>
    <name>CentralLog</name>
    <message>
        <source>An event id is a UUID made by the client.</source>
        <translation>Un id de evento es un UUID generado por el cliente.</translation>
    </message>
    <message>
        <source>entity_type must be one of: %1.</source>
        <translation>entity_type debe ser uno de: %1.</translation>
    </message>
    <message>
        <source>entity_id must be 1 to 100 characters.</source>
        <translation>entity_id debe tener de 1 a 100 caracteres.</translation>
    </message>
    <message>
        <source>actor is missing.</source>
        <translation>Falta actor.</translation>
    </message>
    <message>
        <source>device must be at most 64 characters.</source>
        <translation>device debe tener como máximo 64 caracteres.</translation>
    </message>
    <message>
        <source>client_time must be milliseconds since 1970.</source>
        <translation>client_time debe expresarse en milisegundos desde 1970.</translation>
    </message>
    <message>
        <source>Practice-mode events never reach the central store.</source>
        <translation>Los eventos del modo de práctica nunca llegan al almacén central.</translation>
    </message>
    <message>
        <source>Another event with this id is stored already; make a new event (with a new id) for this change.</source>
        <translation>Ya hay otro evento guardado con este id; cree un evento nuevo (con un id nuevo) para este cambio.</translation>
    </message>
    <message>
        <source>The central store cannot keep this event: it clashes with what is stored already. Nothing of it was written; make the change again as a new event.</source>
        <translation>El almacén central no puede guardar este evento: choca con lo que ya está guardado. No se escribió nada de él; haga el cambio de nuevo como un evento nuevo.</translation>
    </message>
    <message>
        <source>Request number %1 belongs to another request already; give this request a new number.</source>
        <translation>El número de solicitud %1 ya pertenece a otra solicitud; dé a esta solicitud un número nuevo.</translation>
    </message>
</context>
<context>
    <name>CityCheck</name>
    <message>
        <source>%1: no problems found (%2 services, %3 definitions, %4 articles, %5 map layers, %6 addresses, %7 intersections, %8 historical requests).</source>
        <translation>%1: no se encontró ningún problema (%2 servicios, %3 definiciones, %4 artículos, %5 capas de mapa, %6 direcciones, %7 intersecciones, %8 solicitudes históricas).</translation>
    </message>
    <message>
        <source>%1: %2 problem(s) found; nothing was written.</source>
        <translation>%1: se encontraron %2 problema(s); no se escribió nada.</translation>
    </message>
</context>
<context>
    <name>CityImporter</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>defines &quot;%1&quot;, which is not in the service list</source>
        <translation>define &quot;%1&quot;, que no figura en la lista de servicios</translation>
    </message>
    <message>
        <source>definition %1: %2</source>
        <translation>definición %1: %2</translation>
    </message>
    <message>
        <source>line %1: service_code and name are required</source>
        <translation>línea %1: service_code y name son obligatorios</translation>
    </message>
    <message>
        <source>invalid GeoJSON at offset %1: %2</source>
        <translation>GeoJSON no válido en la posición %1: %2</translation>
    </message>
    <message>
        <source>expected a GeoJSON FeatureCollection</source>
        <translation>se esperaba una FeatureCollection de GeoJSON</translation>
    </message>
    <message>
        <source>feature %1 has no geometry coordinates</source>
        <translation>el elemento %1 no tiene coordenadas de geometría</translation>
    </message>
    <message>
        <source>coordinates are not longitude/latitude degrees (EPSG:4326)</source>
        <translation>las coordenadas no están en grados de longitud/latitud (EPSG:4326)</translation>
    </message>
    <message>
        <source>line %1: %2 &quot;%3&quot; is not a coordinate</source>
        <translation>línea %1: %2 &quot;%3&quot; no es una coordenada</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>línea %1: %2</translation>
    </message>
    <message>
        <source>Service catalogue</source>
        <translation>Catálogo de servicios</translation>
    </message>
    <message>
        <source>Service definitions</source>
        <translation>Definiciones de servicios</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>Base de conocimiento</translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation>Capas del mapa</translation>
    </message>
    <message>
        <source>Address points</source>
        <translation>Puntos de dirección</translation>
    </message>
    <message>
        <source>Intersections</source>
        <translation>Intersecciones</translation>
    </message>
    <message>
        <source>Request history (%1)</source>
        <translation>Historial de solicitudes (%1)</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, línea %2: %3</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 está vacío</translation>
    </message>
    <message>
        <source>&quot;%1, %2&quot; is not a latitude and longitude</source>
        <translation>&quot;%1, %2&quot; no es un par de latitud y longitud</translation>
    </message>
    <message>
        <source>Intake rules and referrals</source>
        <translation>Reglas de admisión y derivaciones</translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation>%1: línea %2: %3</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; must be a whole number, 0 or more</source>
        <translation>%1 &quot;%2&quot; debe ser un número entero, 0 o mayor</translation>
    </message>
    <message>
        <source>contact_rule &quot;%1&quot; must be ask, require or never</source>
        <translation>contact_rule &quot;%1&quot; debe ser ask, require o never</translation>
    </message>
    <message>
        <source>emergency &quot;%1&quot; must be yes or no</source>
        <translation>emergency &quot;%1&quot; debe ser yes o no</translation>
    </message>
    <message>
        <source>an emergency type needs an emergency_script</source>
        <translation>un tipo de emergencia necesita un emergency_script</translation>
    </message>
    <message>
        <source>service_code &quot;%1&quot; is not in the service list</source>
        <translation>service_code &quot;%1&quot; no figura en la lista de servicios</translation>
    </message>
    <message>
        <source>name and phone are required</source>
        <translation>el nombre y el teléfono son obligatorios</translation>
    </message>
    <message>
        <source>%1: article %2: %3</source>
        <translation>%1: artículo %2: %3</translation>
    </message>
    <message>
        <source>%1: not a JSON array of articles (%2)</source>
        <translation>%1: no es un arreglo JSON de artículos (%2)</translation>
    </message>
    <message>
        <source>&quot;id&quot; and &quot;title&quot; are required</source>
        <translation>&quot;id&quot; y &quot;title&quot; son obligatorios</translation>
    </message>
    <message>
        <source>&quot;state&quot; must be draft, in_review, published or archived</source>
        <translation>&quot;state&quot; debe ser draft, in_review, published o archived</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a date like 2027-01-31</source>
        <translation>&quot;%1&quot; debe ser una fecha como 2027-01-31</translation>
    </message>
    <message>
        <source>line %1: language &quot;%2&quot; is not a language code such as en, es, zh or pt-BR</source>
        <translation>línea %1: el idioma &quot;%2&quot; no es un código de idioma como en, es, zh o pt-BR</translation>
    </message>
    <message>
        <source>&quot;language&quot; must be a language code such as en, es, zh or pt-BR</source>
        <translation>&quot;language&quot; debe ser un código de idioma como en, es, zh o pt-BR</translation>
    </message>
    <message>
        <source>%1: line %2: language must be a language code such as en, es or zh, and the term not empty</source>
        <translation>%1: línea %2: language debe ser un código de idioma como en, es o zh, y el término no puede estar vacío</translation>
    </message>
    <message>
        <source>feature %1: geometry type &quot;%2&quot; is not a GeoJSON geometry type (expected one of %3)</source>
        <translation>elemento %1: el tipo de geometría &quot;%2&quot; no es un tipo de geometría GeoJSON (se esperaba uno de %3)</translation>
    </message>
    <message>
        <source>This store holds another city, &quot;%1&quot; (%2); the pack is &quot;%3&quot; (%4). A store holds one city: import into a new store, or replace the city explicitly (--replace-city).</source>
        <translation>Este almacén contiene otra ciudad, &quot;%1&quot; (%2); el paquete es &quot;%3&quot; (%4). Un almacén contiene una sola ciudad: importe en un almacén nuevo o reemplace la ciudad de forma explícita (--replace-city).</translation>
    </message>
    <message>
        <source>This store holds %1 event(s) (requests, contacts, articles) recorded with the city &quot;%2&quot; (%3); they cannot be moved to &quot;%4&quot;. Import %4 into a new store.</source>
        <translation>Este almacén contiene %1 evento(s) (solicitudes, contactos, artículos) registrados con la ciudad &quot;%2&quot; (%3); no se pueden trasladar a &quot;%4&quot;. Importe %4 en un almacén nuevo.</translation>
    </message>
    <message>
        <source>line %1: %2 &quot;%3&quot;</source>
        <translation>línea %1: %2 &quot;%3&quot;</translation>
    </message>
    <message>
        <source>line %1: %2 &quot;%3&quot; read as %4</source>
        <translation>línea %1: %2 &quot;%3&quot; leída como %4</translation>
    </message>
    <message>
        <source>%1, %2 is not a date in the form %3 (%4 such date(s) in the file; nothing was imported; examples: %5)</source>
        <translation>%1, %2 no es una fecha con el formato %3 (%4 fecha(s) así en el archivo; no se importó nada; ejemplos: %5)</translation>
    </message>
    <message>
        <source>%1, %2, before 1970 or in the future (%3 such date(s) in the file; nothing was imported; examples: %4). Are the years two-digit? Check date_format and century in city.json.</source>
        <translation>%1, %2, anterior a 1970 o en el futuro (%3 fecha(s) así en el archivo; no se importó nada; ejemplos: %4). ¿Tienen los años dos cifras? Revise date_format y century en city.json.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2 row(s), first on line %3)</source>
        <translation>&quot;%1&quot; (%2 fila(s), la primera en la línea %3)</translation>
    </message>
    <message>
        <source>%1: %2 has status(es) the pack&apos;s status map does not name: %3. Add each to &quot;statuses&quot; in city.json (open, in_progress or closed, with a note); nothing was imported.</source>
        <translation>%1: %2 tiene estado(s) que el mapa de estados del paquete no nombra: %3. Añada cada uno a &quot;statuses&quot; en city.json (open, in_progress o closed, con una nota); no se importó nada.</translation>
    </message>
    <message>
        <source>%1: %2 has status(es) other than Open and Closed: %3. Map the city&apos;s statuses in &quot;statuses&quot; in city.json (open, in_progress or closed, with a note); nothing was imported.</source>
        <translation>%1: %2 tiene estado(s) distintos de Open y Closed: %3. Asigne los estados de la ciudad en &quot;statuses&quot; en city.json (open, in_progress o closed, con una nota); no se importó nada.</translation>
    </message>
    <message>
        <source>%1: line 1: missing column(s) source_type (the city&apos;s request type; &quot;%2&quot; as in the history file, or type_2015, also do)</source>
        <translation>%1: línea 1: falta(n) la(s) columna(s) source_type (el tipo de solicitud de la ciudad; también sirven &quot;%2&quot;, como en el archivo histórico, o type_2015)</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a point: expected (latitude, longitude) or POINT (longitude latitude)</source>
        <translation>%1 &quot;%2&quot; no es un punto: se esperaba (latitud, longitud) o POINT (longitud latitud)</translation>
    </message>
    <message>
        <source>line %1: %2 is empty</source>
        <translation>línea %1: %2 está vacío</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more bad row(s) like these</source>
        <translation>
            <numerusform>… y %n fila incorrecta más como estas</numerusform>
            <numerusform>… y %n filas incorrectas más como estas</numerusform>
        </translation>
    </message>
    <message>
        <source>the boundary layer &quot;%1&quot; leaves %2 of %3 of the city&apos;s request points outside the city, so every request there would be refused. GeoJSON writes each position longitude first ([-71.06, 42.36]): is the layer written latitude first, or is it another place&apos;s limits?</source>
        <translation>la capa de límites &quot;%1&quot; deja fuera de la ciudad %2 de los %3 puntos de sus propias solicitudes, así que se rechazaría toda solicitud allí. GeoJSON escribe cada posición con la longitud primero ([-71.06, 42.36]): ¿está la capa escrita con la latitud primero, o son los límites de otro lugar?</translation>
    </message>
    <message>
        <source>city.json: &quot;category_names&quot; names %1, which is not a group of the service list %2 (its groups: %3)</source>
        <translation>city.json: «category_names» nombra %1, que no es un grupo de la lista de servicios %2 (sus grupos: %3)</translation>
    </message>
    <message>
        <source>city.json: &quot;service_names&quot; names %1, which is not a service code of the service list %2; use a code of that list (%3, …) or remove the name</source>
        <translation>city.json: «service_names» nombra %1, que no es un código de servicio de la lista de servicios %2; use un código de esa lista (%3, …) o quite el nombre</translation>
    </message>
</context>
<context>
    <name>CityPack</name>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: no se puede abrir: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not a city pack (no readable city.json): %1</source>
        <translation>no es un paquete de ciudad (no hay un city.json legible): %1</translation>
    </message>
    <message>
        <source>invalid JSON at offset %1: %2</source>
        <translation>JSON no válido en la posición %1: %2</translation>
    </message>
    <message>
        <source>&quot;format&quot; must be &quot;civicdesk-city-pack&quot;</source>
        <translation>&quot;format&quot; debe ser &quot;civicdesk-city-pack&quot;</translation>
    </message>
    <message>
        <source>format_version %1 is not supported (this CivicDesk reads version %2)</source>
        <translation>format_version %1 no es compatible (esta versión de CivicDesk lee la versión %2)</translation>
    </message>
    <message>
        <source>&quot;id&quot; must be 1-32 lowercase letters, digits, - or _</source>
        <translation>&quot;id&quot; debe tener de 1 a 32 letras minúsculas, dígitos, - o _</translation>
    </message>
    <message>
        <source>&quot;center&quot; needs lat and lon in degrees</source>
        <translation>&quot;center&quot; necesita lat y lon en grados</translation>
    </message>
    <message>
        <source>layer &quot;%1&quot; needs an id, a file and a kind (one of %2)</source>
        <translation>la capa &quot;%1&quot; necesita un id, un archivo (file) y un tipo (kind, uno de %2)</translation>
    </message>
    <message>
        <source>history &quot;%1&quot;: columns.%2 is missing</source>
        <translation>historial &quot;%1&quot;: falta columns.%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a path inside the pack</source>
        <translation>&quot;%1&quot; debe ser una ruta dentro del paquete</translation>
    </message>
    <message>
        <source>names &quot;%1&quot;, which is not in the pack</source>
        <translation>hace referencia a &quot;%1&quot;, que no está en el paquete</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;%2&quot; is not an IANA time zone (expected a name such as America/New_York or America/Los_Angeles); every timestamp would be shifted</source>
        <translation>&quot;%1&quot;: &quot;%2&quot; no es una zona horaria IANA (se esperaba un nombre como America/New_York o America/Los_Angeles); todas las horas quedarían desplazadas</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;%2&quot; is not an IANA time zone; did you mean &quot;%3&quot;?</source>
        <translation>&quot;%1&quot;: &quot;%2&quot; no es una zona horaria IANA; ¿quiso decir &quot;%3&quot;?</translation>
    </message>
    <message>
        <source>the pack&apos;s id, e.g. &quot;boston&quot;</source>
        <translation>el identificador del paquete, p. ej. &quot;boston&quot;</translation>
    </message>
    <message>
        <source>the city&apos;s name</source>
        <translation>el nombre de la ciudad</translation>
    </message>
    <message>
        <source>the IANA time zone of the city&apos;s timestamps, e.g. &quot;America/New_York&quot;</source>
        <translation>la zona horaria IANA de las horas de la ciudad, p. ej. &quot;America/New_York&quot;</translation>
    </message>
    <message>
        <source>{&quot;lat&quot;: .., &quot;lon&quot;: ..} where the map opens</source>
        <translation>{&quot;lat&quot;: .., &quot;lon&quot;: ..} donde se abre el mapa</translation>
    </message>
    <message>
        <source>the Open311 service list file</source>
        <translation>el archivo con la lista de servicios Open311</translation>
    </message>
    <message>
        <source>required key(s) missing: %1</source>
        <translation>falta(n) clave(s) obligatoria(s): %1</translation>
    </message>
    <message>
        <source>statuses.&quot;%1&quot;.status is &quot;%2&quot;; expected open, in_progress or closed</source>
        <translation>statuses.&quot;%1&quot;.status es &quot;%2&quot;; se esperaba open, in_progress o closed</translation>
    </message>
    <message>
        <source>channels.&quot;%1&quot; is &quot;%2&quot;; expected one of %3</source>
        <translation>channels.&quot;%1&quot; es &quot;%2&quot;; se esperaba uno de %3</translation>
    </message>
    <message>
        <source>history &quot;%1&quot;: date_format &quot;%2&quot; has a two-digit year (yy), which would read 15 as 1915; say which century the years are in with &quot;century&quot;: 2000 (or 1900)</source>
        <translation>history &quot;%1&quot;: date_format &quot;%2&quot; tiene un año de dos cifras (yy), que leería 15 como 1915; indique el siglo de los años con &quot;century&quot;: 2000 (o 1900)</translation>
    </message>
    <message>
        <source>&quot;contact.status_url&quot; must be an https:// link with {number} where the request number goes</source>
        <translation>&quot;contact.status_url&quot; debe ser un enlace https:// con {number} donde va el número de solicitud</translation>
    </message>
    <message>
        <source>&quot;clusters&quot; must be an object with &quot;default&quot; and &quot;types&quot;</source>
        <translation>&quot;clusters&quot; debe ser un objeto con &quot;default&quot; y &quot;types&quot;</translation>
    </message>
    <message>
        <source>%1: encoding &quot;%2&quot; is not one of utf-8, latin-1, windows-1252</source>
        <translation>%1: la codificación (encoding) &quot;%2&quot; no es ninguna de utf-8, latin-1, windows-1252</translation>
    </message>
    <message>
        <source>%1: delimiter &quot;%2&quot; is not one of &quot;,&quot;, &quot;;&quot;, &quot;|&quot; or a tab (&quot;\t&quot;)</source>
        <translation>%1: el separador (delimiter) &quot;%2&quot; no es ninguno de &quot;,&quot;, &quot;;&quot;, &quot;|&quot; ni un tabulador (&quot;\t&quot;)</translation>
    </message>
    <message>
        <source>%1: missing must be a list of texts, such as [&quot;NULL&quot;, &quot;N/A&quot;]</source>
        <translation>%1: missing debe ser una lista de textos, como [&quot;NULL&quot;, &quot;N/A&quot;]</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a file&apos;s description needs &quot;file&quot;, the path of the file in the pack</source>
        <translation>&quot;%1&quot;: la descripción de un archivo necesita &quot;file&quot;, la ruta del archivo dentro del paquete</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is for history files; this file has no dates</source>
        <translation>%1: &quot;%2&quot; es para los archivos de historial; este archivo no tiene fechas</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a key of a file&apos;s description (file, encoding, delimiter, missing, columns)</source>
        <translation>%1: &quot;%2&quot; no es una clave de la descripción de un archivo (file, encoding, delimiter, missing, columns)</translation>
    </message>
    <message>
        <source>%1: columns must name the file&apos;s own column for each one CivicDesk reads, such as {&quot;street_name&quot;: &quot;Street Name&quot;}</source>
        <translation>%1: columns debe nombrar la columna propia del archivo para cada una que lee CivicDesk, como {&quot;street_name&quot;: &quot;Street Name&quot;}</translation>
    </message>
    <message>
        <source>history &quot;%1&quot;: date_format &quot;%2&quot; is neither a Qt date format (such as &quot;MM/dd/yyyy hh:mm:ss AP&quot;) nor &quot;ISO 8601&quot;, &quot;epoch&quot; or &quot;epoch_ms&quot;</source>
        <translation>historial &quot;%1&quot;: date_format &quot;%2&quot; no es un formato de fecha de Qt (como &quot;MM/dd/yyyy hh:mm:ss AP&quot;) ni &quot;ISO 8601&quot;, &quot;epoch&quot; o &quot;epoch_ms&quot;</translation>
    </message>
    <message>
        <source>&quot;category_names&quot; must be an object of the catalogue&apos;s groups, each with its names by language</source>
        <translation>«category_names» debe ser un objeto con los grupos del catálogo, cada uno con sus nombres por idioma</translation>
    </message>
    <message>
        <source>&quot;service_names&quot; must be an object of the service list&apos;s codes, each with its names by language</source>
        <translation>«service_names» debe ser un objeto con los códigos de la lista de servicios, cada uno con sus nombres por idioma</translation>
    </message>
</context>
<context>
    <name>ClusterRuleChange</name>
    <message>
        <source>The cluster rules are one entity, &quot;%1&quot;.</source>
        <translation>Las reglas de focos son una sola entidad, «%1».</translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be the rules in force, an object.</source>
        <translation>«rules» debe ser las reglas vigentes, un objeto.</translation>
    </message>
    <message>
        <source>&quot;service_code&quot; must name the type changed (&quot;&quot; for the city-wide default), at most 100 characters.</source>
        <translation>«service_code» debe nombrar el tipo cambiado (&quot;&quot; para el valor predeterminado de la ciudad), como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a rule: count, metres and hours.</source>
        <translation>«%1» debe ser una regla: count, metres y hours.</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be the changed type&apos;s rule in &quot;rules&quot;.</source>
        <translation>«after» debe ser la regla del tipo cambiado en «rules».</translation>
    </message>
</context>
<context>
    <name>ClusterRules</name>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>«%1» debe ser %2.</translation>
    </message>
    <message>
        <source>an object with &quot;count&quot;, &quot;metres&quot; and &quot;hours&quot;</source>
        <translation>un objeto con &quot;count&quot;, &quot;metres&quot; y &quot;hours&quot;</translation>
    </message>
    <message>
        <source>&quot;%1.%2&quot; is not a cluster setting: use count, metres or hours.</source>
        <translation>&quot;%1.%2&quot; no es un ajuste de focos: use count, metres u hours.</translation>
    </message>
    <message>
        <source>a whole number of requests from %1 to %2</source>
        <translation>un número entero de solicitudes de %1 a %2</translation>
    </message>
    <message>
        <source>a distance in metres from %1 to %2</source>
        <translation>una distancia en metros de %1 a %2</translation>
    </message>
    <message>
        <source>a whole number of hours from %1 to %2</source>
        <translation>un número entero de horas de %1 a %2</translation>
    </message>
    <message>
        <source>&quot;%1.%2&quot; is not a cluster setting: use default or types.</source>
        <translation>&quot;%1.%2&quot; no es un ajuste de focos: use default o types.</translation>
    </message>
    <message>
        <source>an object of service codes</source>
        <translation>un objeto de códigos de servicio</translation>
    </message>
    <message>
        <source>keyed by service codes, none empty</source>
        <translation>indexado por códigos de servicio, ninguno vacío</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>CivicDesk, the 311 contact-center workstation.</source>
        <translation>CivicDesk, la estación de trabajo del centro de atención 311.</translation>
    </message>
    <message>
        <source>The workstation&apos;s local store (SQLite file). Default: %1</source>
        <translation>El almacén local de la estación de trabajo (archivo SQLite). Predeterminado: %1</translation>
    </message>
    <message>
        <source>City pack to load when the store holds no city yet (or with --reimport). Default: the Boston demo city, %1</source>
        <translation>Paquete de ciudad que se carga cuando el almacén local aún no contiene ninguna ciudad (o con --reimport). Predeterminado: la ciudad de demostración de Boston, %1</translation>
    </message>
    <message>
        <source>User interface language: en or es. Default: the system language if supported, else English.</source>
        <translation>Idioma de la interfaz de usuario: en o es. Predeterminado: el idioma del sistema si es compatible; de lo contrario, inglés.</translation>
    </message>
    <message>
        <source>Load the city pack again even if the store already has it (idempotent).</source>
        <translation>Vuelve a cargar el paquete de ciudad aunque el almacén local ya lo contenga (idempotente).</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;. See --help.</source>
        <translation>Argumento inesperado &quot;%1&quot;. Consulte --help.</translation>
    </message>
    <message>
        <source>--lang must be en or es, not &quot;%1&quot;.</source>
        <translation>--lang debe ser en o es, no &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--database needs a file path.</source>
        <translation>--database necesita una ruta de archivo.</translation>
    </message>
    <message>
        <source>--city: &quot;%1&quot; is not a folder.</source>
        <translation>--city: &quot;%1&quot; no es una carpeta.</translation>
    </message>
    <message>
        <source>The central store to sync with, e.g. https://311.example.org (remembered in the settings). Without one the workstation runs standalone on its local store.</source>
        <translation>El almacén central con el que se sincroniza, p. ej. https://311.example.org (se guarda en la configuración). Sin él, la estación de trabajo funciona en modo independiente con su almacén local.</translation>
    </message>
    <message>
        <source>--server: &quot;%1&quot; is not an http or https address.</source>
        <translation>--server: &quot;%1&quot; no es una dirección http o https.</translation>
    </message>
    <message>
        <source>Read a city pack as loading it would, list every problem (file, line or key, what was expected) and exit: 0 when there is none, 1 otherwise. Writes nothing.</source>
        <translation>Lee un paquete de ciudad como lo haría la carga, enumera todos los problemas (archivo, línea o clave, lo que se esperaba) y termina: 0 si no hay ninguno, 1 en caso contrario. No escribe nada.</translation>
    </message>
    <message>
        <source>Replace the city the store holds by the --city pack (a store holds one city; refused when requests were recorded in it).</source>
        <translation>Reemplaza la ciudad del almacén por el paquete de --city (un almacén contiene una sola ciudad; se rechaza si ya se registraron solicitudes en él).</translation>
    </message>
    <message>
        <source>--check-city: &quot;%1&quot; is not a folder.</source>
        <translation>--check-city: &quot;%1&quot; no es una carpeta.</translation>
    </message>
    <message>
        <source>--replace-city goes with --city DIR.</source>
        <translation>--replace-city va con --city DIR.</translation>
    </message>
    <message>
        <source>Show the wallboard full screen (today&apos;s figures for a wall screen, no personal data) instead of the desk. Supervisors and admins only.</source>
        <translation>Muestra el panel mural a pantalla completa (las cifras de hoy para una pantalla de pared, sin datos personales) en lugar del puesto. Solo para supervisores y administradores.</translation>
    </message>
    <message>
        <source>The phone whose calls pop up on screen (remembered in the settings): baresip:HOST:PORT for the agent&apos;s baresip softphone (its ctrl_tcp module), socket:HOST:PORT or socket:/PATH for a call-event bridge, none to switch it off.</source>
        <translation>El teléfono cuyas llamadas aparecen en pantalla (se recuerda en la configuración): baresip:HOST:PUERTO para el teléfono de software baresip del agente (su módulo ctrl_tcp), socket:HOST:PUERTO o socket:/RUTA para un puente de eventos de llamada, none para desactivarlo.</translation>
    </message>
    <message>
        <source>--cti: this build has no telephony (CIVICDESK_WITH_CTI=OFF).</source>
        <translation>--cti: esta compilación no incluye telefonía (CIVICDESK_WITH_CTI=OFF).</translation>
    </message>
    <message>
        <source>Run as the lobby&apos;s self-service check-in kiosk (full screen, large touch buttons, English and Spanish).</source>
        <translation>Funciona como quiosco de autoservicio para tomar turno en el vestíbulo (pantalla completa, botones táctiles grandes, inglés y español).</translation>
    </message>
    <message>
        <source>Run as the lobby&apos;s display board: now serving and the last tickets called (numbers only).</source>
        <translation>Funciona como pantalla de turnos del vestíbulo: el turno que se atiende y los últimos llamados (solo números).</translation>
    </message>
    <message>
        <source>--kiosk and --display-board are two screens: start one program for each.</source>
        <translation>--kiosk y --display-board son dos pantallas: inicie un programa para cada una.</translation>
    </message>
    <message>
        <source>Start as usual, type one key into the field that has the keyboard focus once the window is up, erase it, print how long that took and quit: 0 when the key landed, 1 otherwise (for benchmarks and install checks).</source>
        <translation>Arrancar como siempre, escribir una tecla en el campo que tiene el foco del teclado en cuanto aparece la ventana, borrarla, mostrar cuánto tardó y salir: 0 si la tecla llegó, 1 si no (para pruebas de rendimiento y comprobaciones de instalación).</translation>
    </message>
    <message>
        <source>--speak-calls is for the display board: add --display-board.</source>
        <translation>--speak-calls es para la pantalla de turnos: añada --display-board.</translation>
    </message>
    <message>
        <source>With --display-board: say each call aloud in the visitor&apos;s language, then the other (&quot;Ticket A 0 1 2, counter 3&quot;); silent when no speech engine is installed.</source>
        <translation>Con --display-board: anunciar en voz alta cada llamada en el idioma del visitante y después en el otro («Turno A 0 1 2, ventanilla 3»); en silencio si no hay ningún motor de voz instalado.</translation>
    </message>
    <message>
        <source>With --speak-calls: the speech engine&apos;s voice to use (an unknown name lists the voices there are).</source>
        <translation>Con --speak-calls: la voz del motor de voz que se usará (un nombre desconocido muestra las voces disponibles).</translation>
    </message>
    <message>
        <source>--speak-voice chooses the voice of --speak-calls: add --display-board --speak-calls.</source>
        <translation>--speak-voice elige la voz de --speak-calls: añada --display-board --speak-calls.</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>the file is empty</source>
        <translation>el archivo está vacío</translation>
    </message>
    <message>
        <source>line 1: missing column(s) %1</source>
        <translation>línea 1: falta(n) la(s) columna(s) %1</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>línea %1: %2</translation>
    </message>
    <message>
        <source>a quoted field opened here is not closed on its line; the record runs on to line %1: %2</source>
        <translation>un campo entre comillas abierto aquí no se cierra en su línea; el registro continúa hasta la línea %1: %2</translation>
    </message>
    <message>
        <source>a quoted field opened here is never closed (the file ends at line %1)</source>
        <translation>un campo entre comillas abierto aquí nunca se cierra (el archivo termina en la línea %1)</translation>
    </message>
    <message>
        <source>a quote inside an unquoted field</source>
        <translation>una comilla dentro de un campo sin comillas</translation>
    </message>
    <message>
        <source>text after a closing quote</source>
        <translation>texto después de una comilla de cierre</translation>
    </message>
    <message>
        <source>%1 fields where the header has %2</source>
        <translation>%1 campos donde el encabezado tiene %2</translation>
    </message>
    <message>
        <source>field %1 is not UTF-8 text (byte 0x%2 in &quot;%3&quot;); if the file is Latin-1 or Windows-1252, say so with &quot;encoding&quot;</source>
        <translation>el campo %1 no es texto UTF-8 (byte 0x%2 en &quot;%3&quot;); si el archivo está en Latin-1 o Windows-1252, indíquelo con &quot;encoding&quot;</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>The file could not be written: %1</source>
        <translation>No se pudo escribir el archivo: %1</translation>
    </message>
</context>
<context>
    <name>CtiEndpoint</name>
    <message>
        <source>Telephony &quot;%1&quot;: %2 Give baresip:HOST:PORT (the softphone&apos;s ctrl_tcp), socket:HOST:PORT or socket:/PATH (a call-event bridge), or none.</source>
        <translation>Telefonía «%1»: %2 Indique baresip:HOST:PUERTO (el ctrl_tcp del teléfono de software), socket:HOST:PUERTO o socket:/RUTA (un puente de eventos de llamada), o none.</translation>
    </message>
    <message>
        <source>the kind is missing.</source>
        <translation>falta el tipo.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of telephony link.</source>
        <translation>«%1» no es un tipo de enlace telefónico.</translation>
    </message>
    <message>
        <source>the host or the port is missing.</source>
        <translation>falta el host o el puerto.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port (1 to 65535).</source>
        <translation>«%1» no es un puerto (de 1 a 65535).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host name or address.</source>
        <translation>«%1» no es un nombre de host ni una dirección.</translation>
    </message>
</context>
<context>
    <name>CtiProbe</name>
    <message>
        <source>No phone is chosen: there is nothing to test.</source>
        <translation>No se eligió ningún teléfono: no hay nada que probar.</translation>
    </message>
    <message>
        <source>%1 answered: calls will pop up on this desk.</source>
        <translation>%1 respondió: las llamadas aparecerán en este puesto.</translation>
    </message>
    <message>
        <source>The %1 accepted the connection: calls will pop up when it sends them.</source>
        <translation>El %1 aceptó la conexión: las llamadas aparecerán cuando las envíe.</translation>
    </message>
    <message>
        <source>Something at %1:%2 accepted the connection but did not answer as baresip&apos;s ctrl_tcp module does: check the port (ctrl_tcp_listen in baresip&apos;s config).</source>
        <translation>Algo en %1:%2 aceptó la conexión pero no respondió como lo hace el módulo ctrl_tcp de baresip: revise el puerto (ctrl_tcp_listen en la configuración de baresip).</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2. Check that baresip is running with its ctrl_tcp module listening there (ctrl_tcp_listen in its config).</source>
        <translation>No se pudo conectar con %1: %2. Compruebe que baresip está en marcha con su módulo ctrl_tcp escuchando ahí (ctrl_tcp_listen en su configuración).</translation>
    </message>
    <message>
        <source>Could not connect to the %1: %2. Check that the bridge is running and listening there.</source>
        <translation>No se pudo conectar con el %1: %2. Compruebe que el puente está en marcha y escucha ahí.</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s: check the host, the port and any firewall in between.</source>
        <translation>%1 no respondió en %2 s: revise el servidor, el puerto y cualquier cortafuegos intermedio.</translation>
    </message>
</context>
<context>
    <name>EvaluationExport</name>
    <message>
        <source>Choose a period of at most %1 days, its first day not after its last.</source>
        <translation>Elija un periodo de %1 días como máximo, con el primer día no posterior al último.</translation>
    </message>
    <message>
        <source>More than %1 rows: export a shorter period.</source>
        <translation>Más de %1 filas: exporte un periodo más corto.</translation>
    </message>
</context>
<context>
    <name>EvaluationForm</name>
    <message>
        <source>Question %1 needs a text of 1 to %2 characters.</source>
        <translation>La pregunta %1 necesita un texto de 1 a %2 caracteres.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;): a scale runs from 1 to 2..10.</source>
        <translation>Pregunta %1 («%2»): una escala va de 1 a un máximo entre 2 y 10.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;): only a yes/no question can be critical.</source>
        <translation>Pregunta %1 («%2»): solo una pregunta de sí o no puede ser crítica.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;): the comment threshold must be 0 to %3.</source>
        <translation>Pregunta %1 («%2»): el umbral del comentario debe estar entre 0 y %3.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;) depends on %3, which is not an earlier question of the form.</source>
        <translation>La pregunta %1 («%2») depende de %3, que no es una pregunta anterior del formulario.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;) depends on an answer %3 that question %4 cannot have.</source>
        <translation>La pregunta %1 («%2») depende de una respuesta %3 que la pregunta %4 no puede tener.</translation>
    </message>
    <message>
        <source>A form needs an id of 1 to 64 characters.</source>
        <translation>Un formulario necesita un identificador de 1 a 64 caracteres.</translation>
    </message>
    <message>
        <source>A form&apos;s version is a whole number from 1.</source>
        <translation>La versión de un formulario es un número entero a partir de 1.</translation>
    </message>
    <message>
        <source>A form needs a title of 1 to %1 characters.</source>
        <translation>Un formulario necesita un título de 1 a %1 caracteres.</translation>
    </message>
    <message>
        <source>A form needs at least one section.</source>
        <translation>Un formulario necesita al menos una sección.</translation>
    </message>
    <message>
        <source>The overall comment threshold is a score from 0 to 100.</source>
        <translation>El umbral del comentario general es una puntuación de 0 a 100.</translation>
    </message>
    <message>
        <source>Every section needs its own id (&quot;%1&quot; is empty or used twice).</source>
        <translation>Cada sección necesita su propio identificador («%1» está vacío o repetido).</translation>
    </message>
    <message>
        <source>Section %1 needs a title.</source>
        <translation>La sección %1 necesita un título.</translation>
    </message>
    <message>
        <source>Section %1 (&quot;%2&quot;): the weight must be above 0 and at most 100.</source>
        <translation>Sección %1 («%2»): el peso debe ser mayor que 0 y como máximo 100.</translation>
    </message>
    <message>
        <source>Section %1 (&quot;%2&quot;) has no questions.</source>
        <translation>La sección %1 («%2») no tiene preguntas.</translation>
    </message>
    <message>
        <source>Every question needs its own id (&quot;%1&quot; is empty or used twice).</source>
        <translation>Cada pregunta necesita su propio identificador («%1» está vacío o repetido).</translation>
    </message>
    <message>
        <source>A form lists its sections.</source>
        <translation>Un formulario enumera sus secciones.</translation>
    </message>
    <message>
        <source>Question %1: the kind is yes_no or scale, not &quot;%2&quot;.</source>
        <translation>Pregunta %1: el tipo es yes_no o scale, no «%2».</translation>
    </message>
    <message>
        <source>The answer to %1 is a whole number, or null for N/A.</source>
        <translation>La respuesta a %1 es un número entero, o null para N/A.</translation>
    </message>
    <message>
        <source>The form %1 (version %2) has no question %3.</source>
        <translation>El formulario %1 (versión %2) no tiene la pregunta %3.</translation>
    </message>
    <message>
        <source>The comment on %1 is longer than %2 characters.</source>
        <translation>El comentario sobre %1 tiene más de %2 caracteres.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is asked only when %2 is answered %3: leave it unanswered.</source>
        <translation>«%1» solo se pregunta cuando %2 se responde %3: déjela sin responder.</translation>
    </message>
    <message>
        <source>Answer &quot;%1&quot;.</source>
        <translation>Responda «%1».</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be N/A.</source>
        <translation>«%1» no puede ser N/A.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is answered yes or no.</source>
        <translation>«%1» se responde sí o no.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is answered from 1 to %2.</source>
        <translation>«%1» se responde de 1 a %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a comment saying why it scored below %2.</source>
        <translation>«%1» necesita un comentario que explique por qué obtuvo menos de %2.</translation>
    </message>
    <message>
        <source>Every question is N/A: there is nothing to score.</source>
        <translation>Todas las preguntas son N/A: no hay nada que puntuar.</translation>
    </message>
    <message>
        <source>The overall comment is longer than %1 characters.</source>
        <translation>El comentario general tiene más de %1 caracteres.</translation>
    </message>
    <message>
        <source>A score below %1 needs an overall comment for the agent.</source>
        <translation>Una puntuación inferior a %1 necesita un comentario general para el agente.</translation>
    </message>
</context>
<context>
    <name>Event</name>
    <message>
        <source>&quot;%1&quot; must be a non-empty string.</source>
        <translation>&quot;%1&quot; debe ser una cadena no vacía.</translation>
    </message>
    <message>
        <source>&quot;device&quot; must be a string.</source>
        <translation>&quot;device&quot; debe ser una cadena.</translation>
    </message>
    <message>
        <source>&quot;payload&quot; must be a JSON object.</source>
        <translation>&quot;payload&quot; debe ser un objeto JSON.</translation>
    </message>
    <message>
        <source>&quot;client_time&quot; must be whole milliseconds since 1970.</source>
        <translation>&quot;client_time&quot; debe expresarse en milisegundos enteros desde 1970.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; %2.</source>
        <translation>&quot;%1&quot; %2.</translation>
    </message>
    <message>
        <source>&quot;seq&quot; must be a whole number from 0 to 2^53.</source>
        <translation>&quot;seq&quot; debe ser un número entero de 0 a 2^53.</translation>
    </message>
</context>
<context>
    <name>EventPermission</name>
    <message>
        <source>The %1 role may not record calls or requests; trainers use practice mode, which never reaches the central store.</source>
        <translation>El rol %1 no puede registrar llamadas ni solicitudes; los formadores usan el modo de práctica, que nunca llega al almacén central.</translation>
    </message>
    <message>
        <source>The %1 role may not %2: that is a supervisor&apos;s decision.</source>
        <translation>El rol %1 no puede %2: esa decisión corresponde a un supervisor.</translation>
    </message>
    <message>
        <source>The %1 role may not write articles.</source>
        <translation>El rol %1 no puede escribir artículos.</translation>
    </message>
    <message>
        <source>The %1 role may not confirm this article in its state (%2).</source>
        <translation>El rol %1 no puede confirmar este artículo en su estado actual (%2).</translation>
    </message>
    <message>
        <source>An article moves to draft, in_review, published or archived.</source>
        <translation>Un artículo pasa a draft, in_review, published o archived.</translation>
    </message>
    <message>
        <source>The %1 role may not change articles.</source>
        <translation>El rol %1 no puede modificar artículos.</translation>
    </message>
    <message>
        <source>No role may append a %1 event.</source>
        <translation>Ningún rol puede añadir un evento %1.</translation>
    </message>
    <message>
        <source>The %1 role may not move this request from %2 to %3: call takers reopen closed requests; a supervisor sets requests in progress and closes them.</source>
        <translation>El rol %1 no puede pasar esta solicitud de %2 a %3: los operadores reabren solicitudes cerradas; un supervisor las pone en curso y las cierra.</translation>
    </message>
    <message>
        <source>change a request&apos;s %1</source>
        <translation>cambiar el campo %1 de una solicitud</translation>
    </message>
    <message>
        <source>unlink a duplicate</source>
        <translation>desvincular un duplicado</translation>
    </message>
    <message>
        <source>The %1 role may not record quality reviews.</source>
        <translation>El rol %1 no puede registrar revisiones de calidad.</translation>
    </message>
    <message>
        <source>The %1 role may not answer help flags: supervisors do.</source>
        <translation>El rol %1 no puede responder a las peticiones de ayuda: lo hacen los supervisores.</translation>
    </message>
    <message>
        <source>This store holds no such evaluation to answer.</source>
        <translation>Este almacén no tiene esa evaluación para responderla.</translation>
    </message>
    <message>
        <source>Only %1, whom the evaluation is about, may acknowledge or dispute it.</source>
        <translation>Solo %1, a quien se refiere la evaluación, puede confirmarla o impugnarla.</translation>
    </message>
    <message>
        <source>This evaluation was acknowledged or disputed already.</source>
        <translation>Esta evaluación ya se confirmó o se impugnó.</translation>
    </message>
    <message>
        <source>The %1 days to acknowledge or dispute this evaluation ended on %2.</source>
        <translation>Los %1 días para confirmar o impugnar esta evaluación terminaron el %2.</translation>
    </message>
    <message>
        <source>This evaluation is submitted already; a decision on a dispute changes its score.</source>
        <translation>Esta evaluación ya se envió; solo la decisión sobre una impugnación cambia su puntuación.</translation>
    </message>
    <message>
        <source>This store holds no such evaluation to coach on.</source>
        <translation>Este almacén no tiene esa evaluación para anotar un seguimiento.</translation>
    </message>
    <message>
        <source>Only a disputed evaluation is decided, and only once.</source>
        <translation>Solo se decide una evaluación impugnada, y una sola vez.</translation>
    </message>
    <message>
        <source>post or withdraw known issues</source>
        <translation>publicar o retirar incidencias conocidas</translation>
    </message>
    <message>
        <source>The %1 role may not set teams or import the phone system&apos;s figures: supervisors and admins do.</source>
        <translation>El rol %1 no puede asignar equipos ni importar las cifras de la centralita: lo hacen los supervisores y los administradores.</translation>
    </message>
    <message>
        <source>The %1 role may not change the cluster rules: supervisors and admins do.</source>
        <translation>El rol %1 no puede cambiar las reglas de focos: lo hacen los supervisores y los administradores.</translation>
    </message>
    <message>
        <source>The %1 role may not export the centre&apos;s figures: supervisors and admins do.</source>
        <translation>El rol %1 no puede exportar las cifras del centro: lo hacen los supervisores y los administradores.</translation>
    </message>
</context>
<context>
    <name>EventPolicy</name>
    <message>
        <source>The actor must be the signed-in user (%1).</source>
        <translation>El actor debe ser el usuario que inició sesión (%1).</translation>
    </message>
</context>
<context>
    <name>ExportRecord</name>
    <message>
        <source>An export needs an id.</source>
        <translation>Una exportación necesita un id.</translation>
    </message>
    <message>
        <source>&quot;what&quot; must be one of: %1.</source>
        <translation>«what» debe ser uno de: %1.</translation>
    </message>
    <message>
        <source>&quot;format&quot; must be csv or pdf.</source>
        <translation>«format» debe ser csv o pdf.</translation>
    </message>
    <message>
        <source>&quot;rows&quot; must be a whole number, 0 or more.</source>
        <translation>«rows» debe ser un número entero, 0 o más.</translation>
    </message>
    <message>
        <source>&quot;from&quot; and &quot;to&quot; must be dates (YYYY-MM-DD), &quot;to&quot; not before &quot;from&quot;.</source>
        <translation>«from» y «to» deben ser fechas (AAAA-MM-DD), «to» no anterior a «from».</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be text of at most %2 characters.</source>
        <translation>«%1» debe ser un texto de como máximo %2 caracteres.</translation>
    </message>
    <message>
        <source>&quot;caller_details&quot; must be true or false.</source>
        <translation>«caller_details» debe ser true o false.</translation>
    </message>
</context>
<context>
    <name>FormValidation</name>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation>&quot;%1&quot; es obligatorio.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number, such as 3 or 2.5; &quot;%2&quot; is not.</source>
        <translation>&quot;%1&quot; debe ser un número, como 3 o 2.5; &quot;%2&quot; no lo es.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a date and time such as 2026-11-23 14:05; &quot;%2&quot; is not.</source>
        <translation>&quot;%1&quot; debe ser una fecha y hora como 2026-11-23 14:05; &quot;%2&quot; no lo es.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long: %2 characters, at most %3.</source>
        <translation>&quot;%1&quot; es demasiado largo: %2 caracteres, como máximo %3.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes one answer.</source>
        <translation>&quot;%1&quot; admite una sola respuesta.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;%2&quot; is not one of the choices.</source>
        <translation>&quot;%1&quot;: &quot;%2&quot; no es una de las opciones.</translation>
    </message>
</context>
<context>
    <name>GzipDevice</name>
    <message>
        <source>gzip streams are read-only</source>
        <translation>los flujos gzip son de solo lectura</translation>
    </message>
    <message>
        <source>cannot initialise zlib</source>
        <translation>no se puede inicializar zlib</translation>
    </message>
    <message>
        <source>the compressed file ends early (truncated?)</source>
        <translation>el archivo comprimido termina antes de tiempo (¿truncado?)</translation>
    </message>
    <message>
        <source>corrupt gzip data: %1</source>
        <translation>datos gzip dañados: %1</translation>
    </message>
</context>
<context>
    <name>HelpFlags</name>
    <message>
        <source>The note is too long: at most %1 characters.</source>
        <translation>La nota es demasiado larga: como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>This help flag is no longer open: someone answered it.</source>
        <translation>Esta petición de ayuda ya no está abierta: alguien la respondió.</translation>
    </message>
</context>
<context>
    <name>HttpApi</name>
    <message>
        <source>The request body is larger than %1 bytes; send less at once (e.g. smaller batches).</source>
        <translation>El cuerpo de la solicitud supera los %1 bytes; envíe menos datos a la vez (p. ej., lotes más pequeños).</translation>
    </message>
    <message>
        <source>The body is not valid UTF-8.</source>
        <translation>El cuerpo no es UTF-8 válido.</translation>
    </message>
    <message>
        <source>The body is not valid JSON (%1 at byte %2).</source>
        <translation>El cuerpo no es JSON válido (%1 en el byte %2).</translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation>El cuerpo debe ser un objeto JSON.</translation>
    </message>
    <message>
        <source>No such endpoint: %1</source>
        <translation>No existe ese punto de conexión: %1</translation>
    </message>
    <message>
        <source>The central store cannot read or write just now; nothing was changed. Try again in a few seconds.</source>
        <translation>El almacén central no puede leer ni escribir en este momento; no se modificó nada. Vuelva a intentarlo en unos segundos.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; %2.</source>
        <translation>&quot;%1&quot; %2.</translation>
    </message>
    <message>
        <source>This resource answers %1 only.</source>
        <translation>Este recurso solo responde a %1.</translation>
    </message>
    <message>
        <source>The request&apos;s head is larger than %1 bytes.</source>
        <translation>La cabecera de la solicitud ocupa más de %1 bytes.</translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.1 (its request line, Content-Length or chunks).</source>
        <translation>La solicitud no es HTTP/1.1 válido (su línea de solicitud, su Content-Length o sus fragmentos).</translation>
    </message>
    <message>
        <source>The request did not arrive in time; send it at once.</source>
        <translation>La solicitud no llegó a tiempo; envíela de una vez.</translation>
    </message>
    <message>
        <source>The server has as many connections as it takes; try again in a few seconds.</source>
        <translation>El servidor ya tiene todas las conexiones que admite; vuelva a intentarlo en unos segundos.</translation>
    </message>
</context>
<context>
    <name>IntakeDialogs</name>
    <message>
        <source>Open requests nearby</source>
        <translation>Solicitudes abiertas cerca</translation>
    </message>
    <message>
        <source>&lt;p&gt;There are open requests of this type nearby:&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Attach the caller to %2, or create a new request anyway (the reason is recorded with it)?&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hay solicitudes abiertas de este tipo cerca:&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;¿Añadir a quien llama a %2, o crear una solicitud nueva de todos modos (el motivo queda registrado con ella)?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Attach the caller to %1</source>
        <translation>&amp;Añadir a quien llama a %1</translation>
    </message>
    <message>
        <source>Create anyway: a d&amp;ifferent problem</source>
        <translation>Crear de todos modos: otro &amp;problema</translation>
    </message>
    <message>
        <source>Create anyway: a different &amp;spot</source>
        <translation>Crear de todos modos: otro &amp;lugar</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Volver</translation>
    </message>
    <message>
        <source>a different problem from the open requests nearby</source>
        <translation>un problema distinto del de las solicitudes abiertas cercanas</translation>
    </message>
    <message>
        <source>a different spot from the open requests nearby</source>
        <translation>un lugar distinto del de las solicitudes abiertas cercanas</translation>
    </message>
    <message>
        <source>Finish contact</source>
        <translation>Finalizar contacto</translation>
    </message>
    <message>
        <source>The request on the form was not submitted. Submit it now (then read the number back and finish), discard it, or go back to it?</source>
        <translation>La solicitud del formulario no se envió. ¿Enviarla ahora (luego lea el número a la persona y termine), descartarla o volver a ella?</translation>
    </message>
    <message>
        <source>&amp;Submit it</source>
        <translation>&amp;Enviarla</translation>
    </message>
    <message>
        <source>&amp;Discard it</source>
        <translation>&amp;Descartarla</translation>
    </message>
</context>
<context>
    <name>IntakeMirror</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Contact: %1 (%2 s)</source>
        <translation>Contacto: %1 (%2 s)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>sin iniciar</translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation>Quien llama: %1</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Tipo: %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Descripción: %1</translation>
    </message>
    <message>
        <source>(outside the city)</source>
        <translation>(fuera de la ciudad)</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Lugar: %1</translation>
    </message>
    <message>
        <source>Open requests nearby shown: %1</source>
        <translation>Solicitudes abiertas cercanas mostradas: %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Resultado: %1</translation>
    </message>
    <message>
        <source>Transfer to: %1</source>
        <translation>Transferir a: %1</translation>
    </message>
    <message>
        <source>Request number: %1</source>
        <translation>Número de solicitud: %1</translation>
    </message>
    <message>
        <source>Contact: %1</source>
        <translation>Contacto: %1</translation>
    </message>
</context>
<context>
    <name>IntakeReplays</name>
    <message>
        <source>There is no contact %1 in this store.</source>
        <translation>No hay ningún contacto %1 en este almacén.</translation>
    </message>
    <message>
        <source>Only supervisors and admins replay another agent&apos;s contacts.</source>
        <translation>Solo los supervisores y los administradores pueden revisar los contactos de otro agente.</translation>
    </message>
</context>
<context>
    <name>IntakeService</name>
    <message>
        <source>Say where the call was transferred to.</source>
        <translation>Indique a dónde se transfirió la llamada.</translation>
    </message>
    <message>
        <source>Give at least a name, a phone number or an email address, or take the request anonymously.</source>
        <translation>Indique al menos un nombre, un teléfono o un correo electrónico, o tome la solicitud de forma anónima.</translation>
    </message>
    <message>
        <source>This request needs a location: an address, an intersection or a landmark.</source>
        <translation>Esta solicitud necesita una ubicación: una dirección, una intersección o un punto de referencia.</translation>
    </message>
    <message>
        <source>This request type needs the caller&apos;s contact details so the department can follow up.</source>
        <translation>Este tipo de solicitud requiere los datos de contacto de la persona que llama para que el departamento pueda dar seguimiento.</translation>
    </message>
    <message>
        <source>The description is too long: %1 characters, at most %2.</source>
        <translation>La descripción es demasiado larga: %1 caracteres, como máximo %2.</translation>
    </message>
    <message>
        <source>Another caller reported the same problem.</source>
        <translation>Otra persona reportó el mismo problema.</translation>
    </message>
    <message>
        <source>Created although open requests of this type were nearby (%1): %2.</source>
        <translation>Creada aunque había solicitudes abiertas de este tipo cerca (%1): %2.</translation>
    </message>
    <message>
        <source>The call&apos;s end names no contact or no time.</source>
        <translation>El final de la llamada no indica ningún contacto o ninguna hora.</translation>
    </message>
</context>
<context>
    <name>JsonNumber</name>
    <message>
        <source>missing</source>
        <translation>falta</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3 (it is %4).</source>
        <translation>&quot;%1&quot; debe ser un número entero de %2 a %3 (es %4).</translation>
    </message>
</context>
<context>
    <name>KnowledgeService</name>
    <message>
        <source>There is no article %1.</source>
        <translation>No existe el artículo %1.</translation>
    </message>
    <message>
        <source>Only editors and supervisors can write articles.</source>
        <translation>Solo los editores y los supervisores pueden escribir artículos.</translation>
    </message>
    <message>
        <source>An article needs a title.</source>
        <translation>Un artículo necesita un título.</translation>
    </message>
    <message>
        <source>Only editors and supervisors can review articles, and not archived ones.</source>
        <translation>Solo los editores y los supervisores pueden revisar artículos, y no los archivados.</translation>
    </message>
    <message>
        <source>The next review must be a date in the future.</source>
        <translation>La próxima revisión debe ser una fecha futura.</translation>
    </message>
    <message>
        <source>The revision is the same as the published article: there is nothing to save.</source>
        <translation>La revisión es igual al artículo publicado: no hay nada que guardar.</translation>
    </message>
    <message>
        <source>This article has no revision waiting to be published.</source>
        <translation>Este artículo no tiene ninguna revisión pendiente de publicar.</translation>
    </message>
</context>
<context>
    <name>KnownIssue</name>
    <message>
        <source>A known issue needs the request type it is about.</source>
        <translation>Una incidencia conocida necesita el tipo de solicitud al que se refiere.</translation>
    </message>
    <message>
        <source>Write what agents should know: 1 to %1 characters.</source>
        <translation>Escriba lo que deben saber los agentes: de 1 a %1 caracteres.</translation>
    </message>
    <message>
        <source>The script for callers is too long: at most %1 characters.</source>
        <translation>El guion para quienes llaman es demasiado largo: como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>A known issue needs the centre of its area in degrees.</source>
        <translation>Una incidencia conocida necesita el centro de su zona en grados.</translation>
    </message>
    <message>
        <source>The area&apos;s radius must be %1 to %2 metres.</source>
        <translation>El radio de la zona debe ser de %1 a %2 metros.</translation>
    </message>
    <message numerus="yes">
        <source>The known issue must expire after it is posted and within %n day(s).</source>
        <translation>
            <numerusform>La incidencia conocida debe caducar después de publicarse y en %n día como máximo.</numerusform>
            <numerusform>La incidencia conocida debe caducar después de publicarse y en %n días como máximo.</numerusform>
        </translation>
    </message>
    <message>
        <source>A known issue names the request callers are attached to.</source>
        <translation>Una incidencia conocida indica la solicitud a la que se añaden quienes llaman.</translation>
    </message>
</context>
<context>
    <name>KnownIssues</name>
    <message>
        <source>This known issue is no longer in force.</source>
        <translation>Esta incidencia conocida ya no está vigente.</translation>
    </message>
</context>
<context>
    <name>KpiApi</name>
    <message>
        <source>Only supervisors and admins may read the centre&apos;s KPIs; the %1 role may not.</source>
        <translation>Solo los supervisores y los administradores pueden leer los indicadores del centro; el rol %1 no puede.</translation>
    </message>
    <message>
        <source>Give the period&apos;s first day as from=YYYY-MM-DD.</source>
        <translation>Indique el primer día del período como from=AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>Give the period&apos;s last day as to=YYYY-MM-DD.</source>
        <translation>Indique el último día del período como to=AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>due_soon_hours must be a whole number of hours.</source>
        <translation>due_soon_hours debe ser un número entero de horas.</translation>
    </message>
</context>
<context>
    <name>KpiTexts</name>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>First-contact resolution: an ended contact with a known caller and a request type counts as resolved unless the same caller contacted the centre again about a request of the same type within %1 days. Contacts without a caller or a type are not counted.</source>
        <translation>Resolución en el primer contacto: un contacto terminado con un llamante conocido y un tipo de solicitud cuenta como resuelto, salvo que el mismo llamante volviera a contactar con el centro por una solicitud del mismo tipo en los %1 días siguientes. Los contactos sin llamante o sin tipo no se cuentan.</translation>
    </message>
    <message>
        <source>%1 within each interval&apos;s threshold</source>
        <translation>%1 dentro del umbral de cada intervalo</translation>
    </message>
    <message>
        <source>%1 in %2 s</source>
        <translation>%1 en %2 s</translation>
    </message>
    <message>
        <source>Phone system: no interval report imported for these days.</source>
        <translation>Centralita: no se ha importado ningún informe por intervalos para estos días.</translation>
    </message>
    <message>
        <source>Phone system: %1 calls offered · service level %2 (target %3) · abandoned %4 · average speed of answer %5</source>
        <translation>Centralita: %1 llamadas ofrecidas · nivel de servicio %2 (objetivo %3) · abandonadas %4 · velocidad media de respuesta %5</translation>
    </message>
    <message>
        <source>From the phone system&apos;s interval reports (all queues; the agent, team and channel filters do not apply). Service level: calls answered within the threshold ÷ calls offered (abandoned calls count against it). Abandon rate: abandoned ÷ offered. Average speed of answer: the mean wait of the answered calls.</source>
        <translation>De los informes por intervalos de la centralita (todas las colas; no se aplican los filtros de agente, equipo ni canal). Nivel de servicio: llamadas atendidas dentro del umbral ÷ llamadas ofrecidas (las abandonadas cuentan en contra). Tasa de abandono: abandonadas ÷ ofrecidas. Velocidad media de respuesta: la espera media de las llamadas atendidas.</translation>
    </message>
</context>
<context>
    <name>LobbyFigures</name>
    <message>
        <source>Choose a period of 1 to %1 days, the first day before the last.</source>
        <translation>Elija un periodo de 1 a %1 días, con el primer día antes del último.</translation>
    </message>
    <message>
        <source>More than %1 visits: choose a shorter period.</source>
        <translation>Más de %1 visitas: elija un periodo más corto.</translation>
    </message>
</context>
<context>
    <name>LobbyService</name>
    <message>
        <source>Choose the reason for the visit from the city&apos;s service categories.</source>
        <translation>Elija el motivo de la visita entre las categorías de servicio de la ciudad.</translation>
    </message>
    <message>
        <source>Choose the visitor&apos;s language: English or Spanish.</source>
        <translation>Elija el idioma de la persona: inglés o español.</translation>
    </message>
    <message>
        <source>The accessibility need is wheelchair, vision, hearing or other.</source>
        <translation>La necesidad de accesibilidad es wheelchair (silla de ruedas), vision (visión), hearing (audición) u other (otra).</translation>
    </message>
    <message>
        <source>The name is at most 100 characters (it is optional).</source>
        <translation>El nombre tiene como máximo 100 caracteres (es opcional).</translation>
    </message>
    <message>
        <source>Say why this ticket is called out of order.</source>
        <translation>Indique por qué se llama este turno fuera de orden.</translation>
    </message>
    <message>
        <source>That ticket is not waiting any more.</source>
        <translation>Ese turno ya no está en espera.</translation>
    </message>
    <message>
        <source>The central store does not answer (%1). Offline, this counter calls only tickets issued on this PC since the connection was lost, and none is waiting.</source>
        <translation>El almacén central no responde (%1). Sin conexión, esta ventanilla llama solo a los turnos emitidos en este equipo desde que se perdió la conexión, y no hay ninguno en espera.</translation>
    </message>
    <message>
        <source>Nobody is waiting for this counter&apos;s categories.</source>
        <translation>No hay nadie esperando para las categorías de esta ventanilla.</translation>
    </message>
    <message>
        <source>Ticket %1 is still at this counter: finish it, park it, transfer it or return it to the queue first.</source>
        <translation>El turno %1 sigue en esta ventanilla: primero termínelo, apártelo, transfiéralo o devuélvalo a la fila.</translation>
    </message>
    <message>
        <source>No ticket is called to this counter: call the next visitor first.</source>
        <translation>No hay ningún turno llamado a esta ventanilla: primero llame a la siguiente persona.</translation>
    </message>
    <message>
        <source>Ticket %1 was recalled %2 times: mark it as a no-show.</source>
        <translation>El turno %1 se volvió a llamar %2 veces: márquelo como ausente.</translation>
    </message>
    <message numerus="yes">
        <source>Recall ticket %1 %n more time(s) before marking a no-show.</source>
        <translation>
            <numerusform>Vuelva a llamar el turno %1 %n vez más antes de marcarlo como ausente.</numerusform>
            <numerusform>Vuelva a llamar el turno %1 %n veces más antes de marcarlo como ausente.</numerusform>
        </translation>
    </message>
    <message>
        <source>The note is at most 500 characters.</source>
        <translation>La nota tiene como máximo 500 caracteres.</translation>
    </message>
    <message>
        <source>Choose the counter or the category the visitor goes to.</source>
        <translation>Elija la ventanilla o la categoría a la que pasa la persona.</translation>
    </message>
    <message>
        <source>A counter&apos;s name is at most 20 characters.</source>
        <translation>El nombre de una ventanilla tiene como máximo 20 caracteres.</translation>
    </message>
    <message>
        <source>Choose the category from the city&apos;s service categories.</source>
        <translation>Elija la categoría entre las categorías de servicio de la ciudad.</translation>
    </message>
    <message>
        <source>That ticket is not parked at this counter.</source>
        <translation>Ese turno no está apartado en esta ventanilla.</translation>
    </message>
    <message>
        <source>The notes are at most 2,000 characters.</source>
        <translation>Las notas tienen como máximo 2.000 caracteres.</translation>
    </message>
    <message>
        <source>The central store gave no ticket number after %1 tries (%2). Please ask at the desk.</source>
        <translation>El almacén central no dio ningún número de turno tras %1 intentos (%2). Pregunte en el mostrador, por favor.</translation>
    </message>
</context>
<context>
    <name>MapEngine</name>
    <message>
        <source>%1 is missing</source>
        <translation>falta %1</translation>
    </message>
    <message>
        <source>%1 is not CivicDesk&apos;s map engine</source>
        <translation>%1 no es el motor del mapa de CivicDesk</translation>
    </message>
    <message>
        <source>The map&apos;s web engine could not be loaded (%1). Reinstall CivicDesk.</source>
        <translation>No se pudo cargar el motor web del mapa (%1). Reinstale CivicDesk.</translation>
    </message>
    <message>
        <source>This program did not set Qt::AA_ShareOpenGLContexts before making its QApplication, which the map&apos;s web engine needs.</source>
        <translation>Este programa no activó Qt::AA_ShareOpenGLContexts antes de crear su QApplication, y el motor web del mapa lo necesita.</translation>
    </message>
    <message>
        <source>The map&apos;s URL scheme could not be registered with the web engine.</source>
        <translation>No se pudo registrar el esquema de URL del mapa en el motor web.</translation>
    </message>
</context>
<context>
    <name>MonthlyReportPdf</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>311 monthly report, %1</source>
        <translation>Informe mensual del 311, %1</translation>
    </message>
    <message>
        <source>The PDF could not be started.</source>
        <translation>No se pudo iniciar el PDF.</translation>
    </message>
    <message>
        <source>311 monthly report: %1</source>
        <translation>Informe mensual del 311: %1</translation>
    </message>
    <message>
        <source>Made %1 (times in %2)</source>
        <translation>Elaborado el %1 (horas en %2)</translation>
    </message>
    <message>
        <source>%1 — made %2 (times in %3)</source>
        <translation>%1 — elaborado el %2 (horas en %3)</translation>
    </message>
    <message>
        <source>The month in figures</source>
        <translation>El mes en cifras</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Average handle time (minutes:seconds)</source>
        <translation>Tiempo medio de atención (minutos:segundos)</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Información dada</translation>
    </message>
    <message>
        <source>Request created or joined</source>
        <translation>Solicitud creada o a la que se sumó</translation>
    </message>
    <message>
        <source>Transfer rate</source>
        <translation>Tasa de transferencias</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>Resolución en el primer contacto</translation>
    </message>
    <message>
        <source>Requests opened</source>
        <translation>Solicitudes abiertas</translation>
    </message>
    <message>
        <source>SLA met (requests closed in the month)</source>
        <translation>SLA cumplido (solicitudes cerradas en el mes)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Open at the end of the month</source>
        <translation>Abiertas al final del mes</translation>
    </message>
    <message>
        <source>Overdue at the end of the month</source>
        <translation>Vencidas al final del mes</translation>
    </message>
    <message>
        <source>Contacts per day by channel</source>
        <translation>Contactos por día y canal</translation>
    </message>
    <message>
        <source>What residents asked</source>
        <translation>Lo que preguntaron los vecinos</translation>
    </message>
    <message>
        <source>No knowledge article was opened during a contact this month.</source>
        <translation>Este mes no se abrió ningún artículo de conocimiento durante un contacto.</translation>
    </message>
    <message>
        <source>Answers opened most during calls</source>
        <translation>Respuestas más abiertas durante las llamadas</translation>
    </message>
    <message>
        <source>No request was opened this month.</source>
        <translation>Este mes no se abrió ninguna solicitud.</translation>
    </message>
    <message>
        <source>Request types asked for most</source>
        <translation>Tipos de solicitud más pedidos</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Service-request SLA by department</source>
        <translation>SLA de las solicitudes de servicio por departamento</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Departamento</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerradas</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>A tiempo</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Cumplido</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abiertas</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencidas</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>(sin departamento)</translation>
    </message>
    <message>
        <source>No request was closed or open this month.</source>
        <translation>Este mes no hubo solicitudes cerradas ni abiertas.</translation>
    </message>
    <message>
        <source>SLA met, % of requests closed in the month</source>
        <translation>SLA cumplido, % de las solicitudes cerradas en el mes</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA cumplido</translation>
    </message>
    <message>
        <source>SLA met: requests closed in the month on or before their due time, over those closed in the month that had one. Open and overdue: at the end of the month, or now for the running month.</source>
        <translation>SLA cumplido: solicitudes cerradas en el mes a más tardar en su fecha de vencimiento, sobre las cerradas en el mes que tenían una. Abiertas y vencidas: al final del mes, o ahora para el mes en curso.</translation>
    </message>
    <message>
        <source>Calls offered (phone system)</source>
        <translation>Llamadas ofrecidas (centralita)</translation>
    </message>
    <message>
        <source>no interval report</source>
        <translation>sin informe por intervalos</translation>
    </message>
    <message>
        <source>Service level (target %1)</source>
        <translation>Nivel de servicio (objetivo %1)</translation>
    </message>
    <message>
        <source>Abandon rate</source>
        <translation>Tasa de abandono</translation>
    </message>
    <message>
        <source>Average speed of answer (minutes:seconds)</source>
        <translation>Velocidad media de respuesta (minutos:segundos)</translation>
    </message>
    <message>
        <source>Quality review</source>
        <translation>Revisión de calidad</translation>
    </message>
    <message>
        <source>No evaluation was submitted this month.</source>
        <translation>Este mes no se envió ninguna evaluación.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>n/d</translation>
    </message>
    <message>
        <source>QA index (mean score of the month&apos;s evaluations)</source>
        <translation>Índice de calidad (puntuación media de las evaluaciones del mes)</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Evaluaciones</translation>
    </message>
    <message>
        <source>Reviewers</source>
        <translation>Evaluadores</translation>
    </message>
    <message>
        <source>Failed on a critical item</source>
        <translation>Suspendidas por un punto crítico</translation>
    </message>
    <message>
        <source>Disputed by the agent</source>
        <translation>Impugnadas por el agente</translation>
    </message>
    <message>
        <source>Contacts scored by two reviewers or more</source>
        <translation>Contactos puntuados por dos evaluadores o más</translation>
    </message>
    <message>
        <source>Reviewer agreement on the score (Krippendorff&apos;s alpha)</source>
        <translation>Acuerdo entre evaluadores sobre la puntuación (alfa de Krippendorff)</translation>
    </message>
    <message>
        <source>Reviewer pairs within 5 points</source>
        <translation>Parejas de evaluadores a 5 puntos o menos</translation>
    </message>
    <message>
        <source>Agreement per question: %1</source>
        <translation>Acuerdo por pregunta: %1</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alfa</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Acuerdo</translation>
    </message>
    <message>
        <source>QA index: the mean of the month&apos;s evaluation scores (0 to 100; an evaluation failed on a critical item scores 0; a decided dispute counts with its final score). Agreement: Krippendorff&apos;s alpha over the contacts that several reviewers scored independently (1 is perfect agreement, 0 no better than chance; interval metric for the score and scale questions, nominal for yes/no questions), with the share of reviewer pairs that agree beside it.</source>
        <translation>Índice de calidad: la media de las puntuaciones de las evaluaciones del mes (de 0 a 100; una evaluación suspendida por un punto crítico puntúa 0; una impugnación decidida cuenta con su puntuación final). Acuerdo: alfa de Krippendorff sobre los contactos que varios evaluadores puntuaron de forma independiente (1 es acuerdo perfecto, 0 no mejor que el azar; métrica de intervalo para la puntuación y las preguntas de escala, nominal para las preguntas de sí o no), con la proporción de parejas de evaluadores que coinciden al lado.</translation>
    </message>
</context>
<context>
    <name>NumberingPlan</name>
    <message>
        <source>&quot;%1&quot; is not an area code: give the 3 digits a 7-digit local number is dialled in (Boston: 617), the first one 2 to 9.</source>
        <translation>«%1» no es un código de área: indique los 3 dígitos con los que se marca un número local de 7 dígitos (Boston: 617), el primero de 2 a 9.</translation>
    </message>
</context>
<context>
    <name>Open311</name>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>offset %1</source>
        <translation>posición %1</translation>
    </message>
    <message>
        <source>top level</source>
        <translation>nivel superior</translation>
    </message>
    <message>
        <source>expected a JSON array</source>
        <translation>se esperaba un arreglo JSON</translation>
    </message>
    <message>
        <source>%1: attribute without a code</source>
        <translation>%1: atributo sin código</translation>
    </message>
    <message>
        <source>%1: unknown datatype &quot;%2&quot; (expected string, number, datetime, text, singlevaluelist or multivaluelist)</source>
        <translation>%1: tipo de dato desconocido &quot;%2&quot; (se esperaba string, number, datetime, text, singlevaluelist o multivaluelist)</translation>
    </message>
    <message>
        <source>%1: a value has no key</source>
        <translation>%1: un valor no tiene clave</translation>
    </message>
    <message>
        <source>%1: a list without values</source>
        <translation>%1: una lista sin valores</translation>
    </message>
    <message>
        <source>definition %1 (%2)</source>
        <translation>definición %1 (%2)</translation>
    </message>
    <message>
        <source>no service_code</source>
        <translation>sin service_code</translation>
    </message>
    <message>
        <source>service_level_agreement needs a type (Hours, Calendar Days, Business Days) and a positive value</source>
        <translation>service_level_agreement necesita un tipo (Hours, Calendar Days, Business Days) y un valor positivo</translation>
    </message>
    <message>
        <source>depends on &quot;%1&quot;, which is not an earlier list attribute</source>
        <translation>depende de &quot;%1&quot;, que no es un atributo de lista anterior</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>servicio %1</translation>
    </message>
    <message>
        <source>service_code and service_name are required</source>
        <translation>service_code y service_name son obligatorios</translation>
    </message>
    <message>
        <source>duplicate service_code &quot;%1&quot;</source>
        <translation>service_code duplicado &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>Cerrada.</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>Cerrada: %1</translation>
    </message>
    <message>
        <source>Work is in progress.</source>
        <translation>El trabajo está en curso.</translation>
    </message>
    <message>
        <source>Reopened.</source>
        <translation>Reabierta.</translation>
    </message>
    <message>
        <source>group &quot;%1&quot;</source>
        <translation>grupo &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected a JSON array of services (a service list grouped by group name)</source>
        <translation>se esperaba un array JSON de servicios (una lista de servicios agrupada por nombre de grupo)</translation>
    </message>
</context>
<context>
    <name>Open311Api</name>
    <message>
        <source>No service with code &quot;%1&quot;.</source>
        <translation>No hay ningún servicio con el código &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Service &quot;%1&quot; has no definition (metadata is false).</source>
        <translation>El servicio &quot;%1&quot; no tiene definición (metadata es false).</translation>
    </message>
    <message>
        <source>start_date is after end_date.</source>
        <translation>start_date es posterior a end_date.</translation>
    </message>
    <message>
        <source>No request with id &quot;%1&quot;.</source>
        <translation>No hay ninguna solicitud con el id &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No such Open311 resource; see discovery.json.</source>
        <translation>No existe ese recurso de Open311; consulte discovery.json.</translation>
    </message>
    <message>
        <source>start_date and end_date must be W3C datetimes with a time zone, e.g. 2015-06-01T00:00:00Z.</source>
        <translation>start_date y end_date deben ser fechas y horas W3C con zona horaria, p. ej. 2015-06-01T00:00:00Z.</translation>
    </message>
    <message>
        <source>start_date and end_date may be at most %1 days apart.</source>
        <translation>start_date y end_date pueden estar separadas como máximo %1 días.</translation>
    </message>
    <message>
        <source>No such Open311 resource &quot;%1&quot;; see discovery.json.</source>
        <translation>No existe el recurso de Open311 &quot;%1&quot;; consulte discovery.json.</translation>
    </message>
    <message>
        <source>No such Open311 resource &quot;%1&quot;; see discovery.json (formats: .xml and .json).</source>
        <translation>No existe el recurso de Open311 &quot;%1&quot;; consulte discovery.json (formatos: .xml y .json).</translation>
    </message>
    <message>
        <source>Add the format to the service code: .xml or .json.</source>
        <translation>Agregue el formato al código de servicio: .xml o .json.</translation>
    </message>
    <message>
        <source>Ask for at most %1 service_request_id values at once.</source>
        <translation>Solicite como máximo %1 valores de service_request_id a la vez.</translation>
    </message>
    <message>
        <source>status must be open, closed, or both (open,closed).</source>
        <translation>status debe ser open, closed o ambos (open,closed).</translation>
    </message>
    <message>
        <source>page must be a whole number from 1.</source>
        <translation>page debe ser un número entero a partir de 1.</translation>
    </message>
    <message>
        <source>page_size must be from 1 to %1.</source>
        <translation>page_size debe estar entre 1 y %1.</translation>
    </message>
    <message>
        <source>The store cannot be read right now; try again.</source>
        <translation>El almacén no se puede leer en este momento; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Add the format to the request id: .xml or .json.</source>
        <translation>Agregue el formato al id de la solicitud: .xml o .json.</translation>
    </message>
    <message>
        <source>Add the format to the token: .xml or .json.</source>
        <translation>Agregue el formato al token: .xml o .json.</translation>
    </message>
    <message>
        <source>No request for token &quot;%1&quot;.</source>
        <translation>No hay ninguna solicitud para el token &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Only requests.xml and requests.json accept POST.</source>
        <translation>Solo requests.xml y requests.json aceptan POST.</translation>
    </message>
    <message>
        <source>The request is larger than %1 bytes. Send media as a media_url, not in the form.</source>
        <translation>La solicitud supera los %1 bytes. Envíe los archivos multimedia como media_url, no en el formulario.</translation>
    </message>
    <message>
        <source>api_key is required to create requests.</source>
        <translation>Se requiere api_key para crear solicitudes.</translation>
    </message>
    <message>
        <source>api_key is not valid (unknown or revoked).</source>
        <translation>api_key no es válida (desconocida o revocada).</translation>
    </message>
    <message>
        <source>More than %1 requests a minute with this api_key; wait %2 seconds.</source>
        <translation>Más de %1 solicitudes por minuto con esta api_key; espere %2 segundos.</translation>
    </message>
    <message>
        <source>service_code is required.</source>
        <translation>service_code es obligatorio.</translation>
    </message>
    <message>
        <source>No service with code &quot;%1&quot;; see services.json.</source>
        <translation>No hay ningún servicio con el código &quot;%1&quot;; consulte services.json.</translation>
    </message>
    <message>
        <source>This is an emergency: it cannot be reported online. %1</source>
        <translation>Esto es una emergencia: no se puede reportar en línea. %1</translation>
    </message>
    <message>
        <source>lat and long must be sent together as WGS84 degrees (lat -90 to 90, long -180 to 180).</source>
        <translation>lat y long deben enviarse juntos como grados WGS84 (lat de -90 a 90, long de -180 a 180).</translation>
    </message>
    <message>
        <source>address_id &quot;%1&quot; is not an address of this city.</source>
        <translation>address_id &quot;%1&quot; no es una dirección de esta ciudad.</translation>
    </message>
    <message>
        <source>address_string may have at most 500 characters.</source>
        <translation>address_string puede tener como máximo 500 caracteres.</translation>
    </message>
    <message>
        <source>A location is required: lat and long, address_string or address_id.</source>
        <translation>Se requiere una ubicación: lat y long, address_string o address_id.</translation>
    </message>
    <message>
        <source>near %1</source>
        <translation>cerca de %1</translation>
    </message>
    <message>
        <source>Service &quot;%1&quot; has no attribute &quot;%2&quot;.</source>
        <translation>El servicio &quot;%1&quot; no tiene el atributo &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>description may have at most %1 characters.</source>
        <translation>description puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>media_url must be an http(s) URL.</source>
        <translation>media_url debe ser una URL http(s).</translation>
    </message>
    <message>
        <source>This service needs a way to reach the reporter: email or phone.</source>
        <translation>Este servicio necesita un medio para contactar a quien hace el reporte: email o phone.</translation>
    </message>
    <message>
        <source>Expected to be resolved by %1.</source>
        <translation>Se espera resolverla a más tardar el %1.</translation>
    </message>
    <message>
        <source>Received; the department will review it.</source>
        <translation>Recibida; el departamento la revisará.</translation>
    </message>
    <message>
        <source>The form is not valid UTF-8 text, or holds characters no store keeps (NUL, lone surrogates, U+FFFE, U+FFFF, a leading U+FEFF).</source>
        <translation>El formulario no es texto UTF-8 válido o contiene caracteres que ningún almacén conserva (NUL, sustitutos sueltos, U+FFFE, U+FFFF, un U+FEFF inicial).</translation>
    </message>
    <message>
        <source>This place is outside %1: %2 answers for it, at %3%4.%5</source>
        <translation>Este lugar está fuera de %1: lo atiende %2, en el %3%4.%5</translation>
    </message>
    <message>
        <source>This place is outside %1; the city cannot take a request for it.</source>
        <translation>Este lugar está fuera de %1; la ciudad no puede aceptar una solicitud para él.</translation>
    </message>
    <message>
        <source>The server has as many writes waiting for the store as it takes; nothing was kept. Try again in %1 seconds.</source>
        <translation>El servidor tiene tantas escrituras esperando al almacén como admite; no se conservó nada. Vuelva a intentarlo dentro de %1 segundos.</translation>
    </message>
    <message>
        <source>The store cannot be reached just now; nothing was kept. Try again in %1 seconds.</source>
        <translation>No se puede acceder al almacén en este momento; no se conservó nada. Vuelva a intentarlo dentro de %1 segundos.</translation>
    </message>
    <message>
        <source>The request could not be stored just now; nothing was kept. Try again in %1 seconds.</source>
        <translation>La solicitud no se pudo guardar en este momento; no se conservó nada. Vuelva a intentarlo dentro de %1 segundos.</translation>
    </message>
</context>
<context>
    <name>OwnFigures</name>
    <message>
        <source>Only supervisors and admins see other agents&apos; figures; you see your own.</source>
        <translation>Solo los supervisores y los administradores ven las cifras de otros agentes; usted ve las suyas.</translation>
    </message>
</context>
<context>
    <name>PeriodFields</name>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Chosen days</source>
        <translation>Días elegidos</translation>
    </message>
    <message>
        <source>From (first day)</source>
        <translation>Desde (primer día)</translation>
    </message>
    <message>
        <source>To (last day)</source>
        <translation>Hasta (último día)</translation>
    </message>
</context>
<context>
    <name>PhoneInterval</name>
    <message>
        <source>queue must be 1 to %1 characters</source>
        <translation>queue debe tener de 1 a %1 caracteres</translation>
    </message>
    <message>
        <source>interval_minutes must be 5, 10, 15, 30 or 60</source>
        <translation>interval_minutes debe ser 5, 10, 15, 30 o 60</translation>
    </message>
    <message>
        <source>%1 must be a whole number from 0 to %2</source>
        <translation>%1 debe ser un número entero de 0 a %2</translation>
    </message>
    <message>
        <source>answered (%1) plus abandoned (%2) is more than offered (%3)</source>
        <translation>answered (%1) más abandoned (%2) supera offered (%3)</translation>
    </message>
    <message>
        <source>answered_within (%1) is more than answered (%2)</source>
        <translation>answered_within (%1) supera answered (%2)</translation>
    </message>
    <message>
        <source>threshold_seconds must be 1 to %1</source>
        <translation>threshold_seconds debe estar entre 1 y %1</translation>
    </message>
    <message>
        <source>asa_seconds must be a number of seconds from 0 to %1</source>
        <translation>asa_seconds debe ser un número de segundos de 0 a %1</translation>
    </message>
    <message>
        <source>must be an ISO 8601 date</source>
        <translation>debe ser una fecha ISO 8601</translation>
    </message>
    <message>
        <source>must be 1 to %1 characters without &quot;|&quot;</source>
        <translation>debe tener de 1 a %1 caracteres sin &quot;|&quot;</translation>
    </message>
    <message>
        <source>must be the date and queue</source>
        <translation>debe ser la fecha y la cola</translation>
    </message>
    <message>
        <source>must hold 1 to %1 intervals</source>
        <translation>debe contener de 1 a %1 intervalos</translation>
    </message>
    <message>
        <source>start must be whole UTC seconds from 1970 to 9999</source>
        <translation>start debe ser segundos UTC enteros de 1970 a 9999</translation>
    </message>
</context>
<context>
    <name>PhoneIntervalImport</name>
    <message>
        <source>interval_start &quot;%1&quot; is not a date and time such as 2026-12-07T08:00</source>
        <translation>interval_start &quot;%1&quot; no es una fecha y hora como 2026-12-07T08:00</translation>
    </message>
    <message>
        <source>queue cannot hold &quot;|&quot;</source>
        <translation>queue no puede contener &quot;|&quot;</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a whole number</source>
        <translation>%1 &quot;%2&quot; no es un número entero</translation>
    </message>
    <message>
        <source>asa_seconds &quot;%1&quot; is not seconds (12.5) or m:ss (0:12)</source>
        <translation>asa_seconds &quot;%1&quot; no son segundos (12.5) ni m:ss (0:12)</translation>
    </message>
    <message>
        <source>The city has no valid time zone to read the intervals in.</source>
        <translation>La ciudad no tiene una zona horaria válida para leer los intervalos.</translation>
    </message>
    <message>
        <source>The first line must name the columns %1: %2</source>
        <translation>La primera línea debe nombrar las columnas %1: %2</translation>
    </message>
    <message>
        <source>Line %1: %2.</source>
        <translation>Línea %1: %2.</translation>
    </message>
    <message>
        <source>More than %1 rows: import the report a month at a time.</source>
        <translation>Más de %1 filas: importe el informe mes a mes.</translation>
    </message>
    <message>
        <source>queue %1 at %2 is on line %3 already</source>
        <translation>la cola %1 a las %2 ya está en la línea %3</translation>
    </message>
    <message>
        <source>The file holds no intervals below its header line.</source>
        <translation>El archivo no tiene intervalos debajo de la línea de encabezado.</translation>
    </message>
    <message>
        <source>Nothing was imported; correct these and import again:</source>
        <translation>No se importó nada; corrija esto e importe de nuevo:</translation>
    </message>
</context>
<context>
    <name>PracticeChannel</name>
    <message>
        <source>&quot;%1&quot; is required (a string).</source>
        <translation>&quot;%1&quot; es obligatorio (una cadena).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; may be at most %2 characters.</source>
        <translation>&quot;%1&quot; puede tener como máximo %2 caracteres.</translation>
    </message>
    <message>
        <source>Only a practice workspace joins a live practice call (&quot;practice&quot;: true).</source>
        <translation>Solo un espacio de práctica se une a una llamada de práctica en vivo (&quot;practice&quot;: true).</translation>
    </message>
    <message>
        <source>&quot;intake&quot; must be an object.</source>
        <translation>&quot;intake&quot; debe ser un objeto.</translation>
    </message>
    <message>
        <source>&quot;session&quot; is required: the id of the live practice call.</source>
        <translation>&quot;session&quot; es obligatorio: el identificador de la llamada de práctica en vivo.</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be a message number (0 or more).</source>
        <translation>&quot;after&quot; debe ser un número de mensaje (0 o más).</translation>
    </message>
    <message>
        <source>&quot;wait&quot; must be from 0 to %1 seconds.</source>
        <translation>&quot;wait&quot; debe estar entre 0 y %1 segundos.</translation>
    </message>
    <message>
        <source>There is no live practice call by that id or code. Ask the trainer for the join code shown on their screen.</source>
        <translation>No hay ninguna llamada de práctica en vivo con ese identificador o código. Pida al formador el código que aparece en su pantalla.</translation>
    </message>
    <message>
        <source>Live practice calls are opened by trainers and admins; you work as %1.</source>
        <translation>Las llamadas de práctica en vivo las abren los formadores y los administradores; usted trabaja como %1.</translation>
    </message>
    <message>
        <source>Live practice calls are joined by agents who take calls; you work as %1.</source>
        <translation>A las llamadas de práctica en vivo se unen los agentes que atienden llamadas; usted trabaja como %1.</translation>
    </message>
    <message>
        <source>You have %1 live practice calls open; end one before opening another.</source>
        <translation>Tiene %1 llamadas de práctica en vivo abiertas; termine una antes de abrir otra.</translation>
    </message>
    <message>
        <source>The server holds as many live practice calls as it can (%1); try again when one has ended.</source>
        <translation>El servidor ya mantiene todas las llamadas de práctica en vivo que puede (%1); vuelva a intentarlo cuando termine alguna.</translation>
    </message>
    <message>
        <source>Too many join attempts; wait %1 seconds and check the code with the trainer.</source>
        <translation>Demasiados intentos de unirse; espere %1 segundos y confirme el código con el formador.</translation>
    </message>
    <message>
        <source>This live practice call has ended.</source>
        <translation>Esta llamada de práctica en vivo ha terminado.</translation>
    </message>
    <message>
        <source>You opened this live practice call; a trainee joins it from another workstation.</source>
        <translation>Usted abrió esta llamada de práctica en vivo; la persona en formación se une desde otra estación de trabajo.</translation>
    </message>
    <message>
        <source>%1 has joined this live practice call already; ask the trainer to open another one.</source>
        <translation>%1 ya se unió a esta llamada de práctica en vivo; pida al formador que abra otra.</translation>
    </message>
    <message>
        <source>Only the trainer and the trainee of a live practice call take part in it.</source>
        <translation>En una llamada de práctica en vivo solo participan el formador y la persona en formación.</translation>
    </message>
    <message>
        <source>&quot;kind&quot; must be &quot;line&quot; or &quot;end&quot; (the trainer) or &quot;question&quot; or &quot;intake&quot; (the trainee).</source>
        <translation>&quot;kind&quot; debe ser &quot;line&quot; o &quot;end&quot; (el formador) o &quot;question&quot; o &quot;intake&quot; (la persona en formación).</translation>
    </message>
    <message>
        <source>The trainer says the caller&apos;s lines (&quot;line&quot;) and ends the call (&quot;end&quot;).</source>
        <translation>El formador dice las frases de quien llama (&quot;line&quot;) y termina la llamada (&quot;end&quot;).</translation>
    </message>
    <message>
        <source>The trainee asks (&quot;question&quot;) and shows the intake (&quot;intake&quot;).</source>
        <translation>La persona en formación pregunta (&quot;question&quot;) y muestra la admisión (&quot;intake&quot;).</translation>
    </message>
    <message>
        <source>Only a practice run&apos;s intake is shown to the trainer (&quot;practice&quot;: true); live work never travels here.</source>
        <translation>Al formador solo se le muestra la admisión de una práctica (&quot;practice&quot;: true); el trabajo real nunca pasa por aquí.</translation>
    </message>
    <message>
        <source>The intake is %1 bytes; at most %2 are carried.</source>
        <translation>La admisión ocupa %1 bytes; se transmiten como máximo %2.</translation>
    </message>
    <message>
        <source>&quot;text&quot; is required: what is said.</source>
        <translation>&quot;text&quot; es obligatorio: lo que se dice.</translation>
    </message>
    <message>
        <source>&quot;text&quot; is %1 characters; say it in at most %2.</source>
        <translation>&quot;text&quot; tiene %1 caracteres; dígalo en %2 como máximo.</translation>
    </message>
    <message>
        <source>Too many messages this minute; wait %1 seconds.</source>
        <translation>Demasiados mensajes en este minuto; espere %1 segundos.</translation>
    </message>
</context>
<context>
    <name>PracticeScorer</name>
    <message>
        <source>(nothing)</source>
        <translation>(nada)</translation>
    </message>
    <message>
        <source>Request type</source>
        <translation>Tipo de solicitud</translation>
    </message>
    <message>
        <source>Outside the city: referred to %1</source>
        <translation>Fuera de la ciudad: remitir a %1</translation>
    </message>
    <message>
        <source>%1 (outside the city: %2)</source>
        <translation>%1 (fuera de la ciudad: %2)</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message numerus="yes">
        <source>(corrected %n time(s))</source>
        <translation>
            <numerusform>(corregida %n vez)</numerusform>
            <numerusform>(corregida %n veces)</numerusform>
        </translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>Respuesta: %1</translation>
    </message>
    <message>
        <source>Duplicate decision</source>
        <translation>Decisión sobre duplicados</translation>
    </message>
    <message>
        <source>Articles opened</source>
        <translation>Artículos abiertos</translation>
    </message>
    <message>
        <source>(contact not ended)</source>
        <translation>(contacto sin terminar)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>the new request&apos;s number</source>
        <translation>el número de la nueva solicitud</translation>
    </message>
    <message>
        <source>Number read back</source>
        <translation>Número leído al residente</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) or less</source>
        <translation>
            <numerusform>%n segundo o menos</numerusform>
            <numerusform>%n segundos o menos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n segundo</numerusform>
            <numerusform>%n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>An emergency must be transferred to %1 at once, with no request taken.</source>
        <translation>Una emergencia se transfiere a %1 de inmediato, sin tomar ninguna solicitud.</translation>
    </message>
    <message>
        <source>%1 is confidential: no name, phone or email may be taken.</source>
        <translation>%1 es confidencial: no se toma nombre, teléfono ni correo electrónico.</translation>
    </message>
    <message>
        <source>A request was taken for a place outside the city; the caller should have been referred to %1.</source>
        <translation>Se tomó una solicitud para un lugar fuera de la ciudad; había que remitir a la persona a %1.</translation>
    </message>
</context>
<context>
    <name>PracticeShare</name>
    <message>
        <source>The central store sent a scenario without a valid id; the shared scenarios are not updated.</source>
        <translation>El almacén central envió un escenario sin un identificador válido; los escenarios compartidos no se actualizan.</translation>
    </message>
    <message>
        <source>The folder %1 could not be made.</source>
        <translation>No se pudo crear la carpeta %1.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>The central store did not answer in %1 seconds: try again (saving again does no harm).</source>
        <translation>El almacén central no respondió en %1 segundos: vuelva a intentarlo (guardar otra vez no causa ningún daño).</translation>
    </message>
</context>
<context>
    <name>PracticeStore</name>
    <message>
        <source>Practice needs the workstation&apos;s own store file.</source>
        <translation>La práctica necesita el archivo de almacén propio de esta estación.</translation>
    </message>
    <message>
        <source>The practice store %1 exists already.</source>
        <translation>El almacén de práctica %1 ya existe.</translation>
    </message>
    <message>
        <source>The seeded request type %1 is not in the catalogue.</source>
        <translation>El tipo de solicitud sembrado %1 no está en el catálogo.</translation>
    </message>
</context>
<context>
    <name>PrebuiltStore</name>
    <message>
        <source>it cannot be opened (%1)</source>
        <translation>no se puede abrir (%1)</translation>
    </message>
    <message>
        <source>it is not a CivicDesk store (%1)</source>
        <translation>no es un almacén de CivicDesk (%1)</translation>
    </message>
    <message>
        <source>it has schema version %1; this CivicDesk writes version %2</source>
        <translation>tiene la versión de esquema %1; esta versión de CivicDesk escribe la %2</translation>
    </message>
    <message>
        <source>it was made from other pack files (checksum %1, the pack&apos;s is %2)</source>
        <translation>se hizo con otros archivos del paquete (suma de comprobación %1; la del paquete es %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>it holds a workstation&apos;s device code or events</source>
        <translation>contiene el código de dispositivo o los eventos de una estación de trabajo</translation>
    </message>
    <message>
        <source>The city pack folder %1 does not exist.</source>
        <translation>La carpeta del paquete de ciudad %1 no existe.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>The store %1 was left with a write-ahead log.</source>
        <translation>El almacén %1 quedó con un registro de escritura anticipada (WAL).</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2.</source>
        <translation>No se puede mover %1 a %2.</translation>
    </message>
    <message>
        <source>The prebuilt store %1 was not used: %2.</source>
        <translation>No se usó el almacén precompilado %1: %2.</translation>
    </message>
    <message>
        <source>the store %1 is not a file</source>
        <translation>el almacén %1 no es un archivo</translation>
    </message>
    <message>
        <source>the store %1 exists already</source>
        <translation>el almacén %1 ya existe</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>no existe</translation>
    </message>
    <message>
        <source>cannot create folder %1</source>
        <translation>no se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>cannot copy it to %1</source>
        <translation>no se puede copiar a %1</translation>
    </message>
    <message>
        <source>cannot move %1 to %2</source>
        <translation>no se puede mover %1 a %2</translation>
    </message>
</context>
<context>
    <name>QualityReviews</name>
    <message>
        <source>Choose the contact to evaluate and the agent who took it.</source>
        <translation>Elija el contacto que va a evaluar y el agente que lo atendió.</translation>
    </message>
    <message>
        <source>A reviewer does not evaluate their own contacts.</source>
        <translation>Un evaluador no evalúa sus propios contactos.</translation>
    </message>
    <message>
        <source>Score on a published form: version %1 of &quot;%2&quot; was never published here.</source>
        <translation>Puntúe con un formulario publicado: la versión %1 de «%2» nunca se publicó aquí.</translation>
    </message>
    <message>
        <source>You evaluated this contact already; each reviewer scores a contact once.</source>
        <translation>Ya evaluó este contacto; cada evaluador puntúa un contacto una sola vez.</translation>
    </message>
    <message>
        <source>This store holds no such evaluation.</source>
        <translation>Este almacén no tiene esa evaluación.</translation>
    </message>
    <message>
        <source>Say why you dispute the evaluation.</source>
        <translation>Explique por qué impugna la evaluación.</translation>
    </message>
    <message>
        <source>Write the decision&apos;s reason for the agent.</source>
        <translation>Escriba el motivo de la decisión para el agente.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is published already as version %2: change it to publish a new version.</source>
        <translation>«%1» ya está publicado como versión %2: cámbielo para publicar una versión nueva.</translation>
    </message>
</context>
<context>
    <name>QueryApi</name>
    <message>
        <source>&quot;limit&quot; must be from 1 to %1.</source>
        <translation>&quot;limit&quot; debe estar entre 1 y %1.</translation>
    </message>
    <message>
        <source>Ask by exactly one of: number, phone, email, address, or lat+lon+radius.</source>
        <translation>Consulte por exactamente uno de estos criterios: number, phone, email, address o lat+lon+radius.</translation>
    </message>
    <message>
        <source>&quot;phone&quot; is not a phone number.</source>
        <translation>&quot;phone&quot; no es un número de teléfono.</translation>
    </message>
    <message>
        <source>&quot;email&quot; is not an email address.</source>
        <translation>&quot;email&quot; no es una dirección de correo electrónico.</translation>
    </message>
    <message>
        <source>&quot;address&quot; must be 1 to 200 characters.</source>
        <translation>&quot;address&quot; debe tener de 1 a 200 caracteres.</translation>
    </message>
    <message>
        <source>&quot;lat&quot; must be a latitude (-90 to 90).</source>
        <translation>&quot;lat&quot; debe ser una latitud (de -90 a 90).</translation>
    </message>
    <message>
        <source>&quot;lon&quot; must be a longitude (-180 to 180).</source>
        <translation>&quot;lon&quot; debe ser una longitud (de -180 a 180).</translation>
    </message>
    <message>
        <source>&quot;radius&quot; must be 1 to %1 metres.</source>
        <translation>&quot;radius&quot; debe estar entre 1 y %1 metros.</translation>
    </message>
    <message>
        <source>No request with id or number &quot;%1&quot;.</source>
        <translation>No hay ninguna solicitud con el id o número &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;page_size&quot; must be from 1 to %1.</source>
        <translation>&quot;page_size&quot; debe estar entre 1 y %1.</translation>
    </message>
    <message>
        <source>&quot;after&quot; is too long; use the &quot;next&quot; of the previous page.</source>
        <translation>&quot;after&quot; es demasiado largo; use el valor &quot;next&quot; de la página anterior.</translation>
    </message>
    <message>
        <source>Only supervisors and admins may read other agents&apos; quality reviews.</source>
        <translation>Solo los supervisores y los administradores pueden leer las revisiones de calidad de otros agentes.</translation>
    </message>
    <message>
        <source>Only admins may manage users.</source>
        <translation>Solo los administradores pueden gestionar usuarios.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required (a string).</source>
        <translation>&quot;%1&quot; es obligatorio (una cadena).</translation>
    </message>
    <message>
        <source>&quot;role&quot; must be one of: %1.</source>
        <translation>&quot;role&quot; debe ser uno de: %1.</translation>
    </message>
    <message>
        <source>No user named &quot;%1&quot;.</source>
        <translation>No existe el usuario &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;disabled&quot; must be true or false.</source>
        <translation>&quot;disabled&quot; debe ser true o false.</translation>
    </message>
    <message>
        <source>&quot;password&quot; must be a string.</source>
        <translation>&quot;password&quot; debe ser una cadena.</translation>
    </message>
    <message>
        <source>The server has as many writes waiting for the store as it takes; try again in %1 seconds.</source>
        <translation>El servidor tiene tantas escrituras esperando al almacén como admite; vuelva a intentarlo dentro de %1 segundos.</translation>
    </message>
</context>
<context>
    <name>RequestActions</name>
    <message>
        <source>Write the note first.</source>
        <translation>Primero escriba la nota.</translation>
    </message>
    <message>
        <source>The note is too long: %1 characters, at most %2.</source>
        <translation>La nota es demasiado larga: %1 caracteres, como máximo %2.</translation>
    </message>
    <message>
        <source>This request is not in the store.</source>
        <translation>Esta solicitud no está en el almacén local.</translation>
    </message>
    <message>
        <source>The request already has this status.</source>
        <translation>La solicitud ya tiene este estado.</translation>
    </message>
    <message>
        <source>Your role cannot make this change: call takers add notes and reopen closed requests; a supervisor sets requests in progress and closes them.</source>
        <translation>Su rol no permite hacer este cambio: los agentes agregan notas y vuelven a abrir solicitudes cerradas; un supervisor pone las solicitudes en curso y las cierra.</translation>
    </message>
    <message>
        <source>Choose why the request is closed.</source>
        <translation>Elija el motivo de cierre de la solicitud.</translation>
    </message>
    <message>
        <source>Only a supervisor closes requests.</source>
        <translation>Solo un supervisor puede cerrar solicitudes.</translation>
    </message>
    <message>
        <source>Your role cannot link duplicates.</source>
        <translation>Su rol no permite vincular duplicados.</translation>
    </message>
    <message>
        <source>A request cannot be a duplicate of itself.</source>
        <translation>Una solicitud no puede ser duplicada de sí misma.</translation>
    </message>
    <message>
        <source>This request is already a duplicate of %1; a supervisor unlinks it first.</source>
        <translation>Esta solicitud ya es duplicada de %1; primero un supervisor debe desvincularla.</translation>
    </message>
    <message>
        <source>%1 is itself a duplicate of %2: link this request to %2.</source>
        <translation>%1 ya es duplicada de %2: vincule esta solicitud a %2.</translation>
    </message>
    <message>
        <source>Other requests are duplicates of this one: link %1 to this request instead.</source>
        <translation>Otras solicitudes son duplicadas de esta: vincule %1 a esta solicitud en su lugar.</translation>
    </message>
    <message>
        <source>Only a supervisor unlinks a duplicate: ask one, or add a note saying why the link is wrong.</source>
        <translation>Solo un supervisor puede desvincular un duplicado: pídaselo a uno o agregue una nota que explique por qué el vínculo es incorrecto.</translation>
    </message>
    <message>
        <source>This request is not linked as a duplicate.</source>
        <translation>Esta solicitud no está vinculada como duplicada.</translation>
    </message>
    <message>
        <source>Choose when to call back: a time after now.</source>
        <translation>Elija cuándo devolver la llamada: una hora posterior a la actual.</translation>
    </message>
    <message>
        <source>No caller with a phone number is attached to this request: attach the caller first.</source>
        <translation>No hay ninguna persona con número de teléfono agregada a esta solicitud: primero agregue a la persona que llama.</translation>
    </message>
    <message>
        <source>This callback is not in the store.</source>
        <translation>Esta devolución de llamada no está en el almacén local.</translation>
    </message>
    <message>
        <source>This callback was already marked done by %1.</source>
        <translation>Esta devolución de llamada ya fue marcada como hecha por %1.</translation>
    </message>
    <message>
        <source>Choose how the callback went.</source>
        <translation>Elija cómo resultó la devolución de llamada.</translation>
    </message>
    <message>
        <source>Write what to tell or ask the caller when you call back.</source>
        <translation>Escriba qué decirle o preguntarle a la persona cuando la llame.</translation>
    </message>
</context>
<context>
    <name>RequestNumber</name>
    <message>
        <source>Device code &quot;%1&quot; is not five symbols from the request-number alphabet.</source>
        <translation>El código de dispositivo &quot;%1&quot; no está formado por cinco símbolos del alfabeto de los números de solicitud.</translation>
    </message>
    <message>
        <source>Sequence %1 is outside 0 to %2.</source>
        <translation>La secuencia %1 está fuera del rango de 0 a %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is never used in request numbers (no 0, O, 1, I or L). Ask the caller to read the number again.</source>
        <translation>&quot;%1&quot; nunca se usa en los números de solicitud (no hay 0, O, 1, I ni L). Pida a la persona que llama que vuelva a leer el número.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot appear in a request number.</source>
        <translation>&quot;%1&quot; no puede aparecer en un número de solicitud.</translation>
    </message>
    <message>
        <source>A request number has %1 characters; this one has %2.</source>
        <translation>Un número de solicitud tiene %1 caracteres; este tiene %2.</translation>
    </message>
    <message>
        <source>%1 is not a valid request number: a character was misheard or two were swapped. Ask the caller to read it again.</source>
        <translation>%1 no es un número de solicitud válido: se escuchó mal un carácter o se intercambiaron dos. Pida a la persona que llama que lo vuelva a leer.</translation>
    </message>
</context>
<context>
    <name>ReviewEvent</name>
    <message>
        <source>The score is a number from 0 to 100.</source>
        <translation>La puntuación es un número de 0 a 100.</translation>
    </message>
    <message>
        <source>Write the %1: it is required.</source>
        <translation>Escriba %1: es obligatorio.</translation>
    </message>
    <message>
        <source>The %1 is longer than %2 characters.</source>
        <translation>El campo %1 tiene más de %2 caracteres.</translation>
    </message>
    <message>
        <source>Name the contact the evaluation is about.</source>
        <translation>Indique el contacto al que se refiere la evaluación.</translation>
    </message>
    <message>
        <source>The score does not follow from the form and the answers (%1 expected).</source>
        <translation>La puntuación no se corresponde con el formulario y las respuestas (se esperaba %1).</translation>
    </message>
    <message>
        <source>A quality review event is about a review.</source>
        <translation>Un evento de evaluación de calidad se refiere a una evaluación.</translation>
    </message>
    <message>
        <source>A quality review event is one of: %1.</source>
        <translation>Un evento de evaluación de calidad es uno de: %1.</translation>
    </message>
    <message>
        <source>A form is published under its own id.</source>
        <translation>Un formulario se publica con su propio identificador.</translation>
    </message>
    <message>
        <source>Name the agent the review is about.</source>
        <translation>Indique el agente al que se refiere la evaluación.</translation>
    </message>
    <message>
        <source>A decision on a dispute is upheld or rescored.</source>
        <translation>La decisión sobre una impugnación es mantener o volver a puntuar.</translation>
    </message>
</context>
<context>
    <name>RoleText</name>
    <message>
        <source>Call taker</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Lobby counter</source>
        <translation>Ventanilla del vestíbulo</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>Formador</translation>
    </message>
    <message>
        <source>Knowledge editor</source>
        <translation>Editor de conocimiento</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
</context>
<context>
    <name>ScenarioLibrary</name>
    <message>
        <source>is used by another scenario</source>
        <translation>ya lo usa otro escenario</translation>
    </message>
    <message>
        <source>is a bundled scenario&apos;s (those stay as the city pack ships them): give this one an id of its own</source>
        <translation>es el de un escenario incluido (esos quedan tal como los trae el paquete de la ciudad): dé a este un identificador propio</translation>
    </message>
    <message>
        <source>is used by another trainer&apos;s scenario (%1)</source>
        <translation>ya lo usa otro escenario de los formadores (%1)</translation>
    </message>
    <message>
        <source>The %1 role may not write practice scenarios: trainers and admins do.</source>
        <translation>El rol %1 no puede escribir escenarios de práctica: lo hacen los formadores y los administradores.</translation>
    </message>
    <message>
        <source>This workstation has no folder for trainers&apos; scenarios.</source>
        <translation>Este puesto no tiene carpeta para los escenarios de los formadores.</translation>
    </message>
    <message>
        <source>The folder %1 could not be made.</source>
        <translation>No se pudo crear la carpeta %1.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>The %1 role may not delete practice scenarios: trainers and admins do.</source>
        <translation>El rol %1 no puede eliminar escenarios de práctica: lo hacen los formadores y los administradores.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a bundled scenario: it comes with the city pack and cannot be deleted here.</source>
        <translation>&quot;%1&quot; es un escenario incluido: viene con el paquete de la ciudad y no se puede eliminar aquí.</translation>
    </message>
    <message>
        <source>No trainer&apos;s scenario &quot;%1&quot; is kept in %2.</source>
        <translation>En %2 no hay ningún escenario de formador &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 could not be deleted; check the folder&apos;s permissions.</source>
        <translation>No se pudo eliminar %1; revise los permisos de la carpeta.</translation>
    </message>
</context>
<context>
    <name>ScenarioLoader</name>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
    <message>
        <source>must be a text</source>
        <translation>debe ser un texto</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>está vacío</translation>
    </message>
    <message>
        <source>must be a list of texts</source>
        <translation>debe ser una lista de textos</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>debe ser un número entero de %1 a %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a language code</source>
        <translation>«%1» no es un código de idioma</translation>
    </message>
    <message>
        <source>must be 1 to 64 lowercase letters, digits, &quot;-&quot; or &quot;_&quot;</source>
        <translation>debe tener de 1 a 64 letras minúsculas, cifras, «-» o «_»</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a channel (phone, walk_in, email, web, text, mail)</source>
        <translation>«%1» no es un canal (phone, walk_in, email, web, text, mail)</translation>
    </message>
    <message>
        <source>is required (an object)</source>
        <translation>es obligatorio (un objeto)</translation>
    </message>
    <message>
        <source>is required (the answer on the form)</source>
        <translation>es obligatorio (la respuesta del formulario)</translation>
    </message>
    <message>
        <source>latitude and longitude are required</source>
        <translation>la latitud y la longitud son obligatorias</translation>
    </message>
    <message>
        <source>must be 0 to 365</source>
        <translation>debe estar entre 0 y 365</translation>
    </message>
    <message>
        <source>must be &quot;attach&quot; or &quot;create_anyway&quot;</source>
        <translation>debe ser «attach» o «create_anyway»</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an outcome</source>
        <translation>«%1» no es un resultado</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>no se puede leer: %1</translation>
    </message>
    <message>
        <source>is not valid JSON at offset %1: %2</source>
        <translation>no es JSON válido en la posición %1: %2</translation>
    </message>
    <message>
        <source>must be &quot;%1&quot; with format_version 1</source>
        <translation>debe ser «%1» con format_version 1</translation>
    </message>
    <message>
        <source>is required (a list of scenarios)</source>
        <translation>es obligatorio (una lista de escenarios)</translation>
    </message>
    <message>
        <source>is used by an earlier scenario</source>
        <translation>ya lo usa un escenario anterior</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a request type of this city</source>
        <translation>«%1» no es un tipo de solicitud de esta ciudad</translation>
    </message>
    <message>
        <source>is not a question of %1</source>
        <translation>no es una pregunta de %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of its values</source>
        <translation>«%1» no es uno de sus valores</translation>
    </message>
    <message>
        <source>the type&apos;s required question has no answer in the scenario</source>
        <translation>la pregunta obligatoria del tipo no tiene respuesta en el escenario</translation>
    </message>
    <message>
        <source>%1 is an emergency type: the expected outcome is a transfer</source>
        <translation>%1 es un tipo de emergencia: el resultado esperado es una transferencia</translation>
    </message>
    <message>
        <source>answers need an expected service_code</source>
        <translation>las respuestas necesitan un service_code esperado</translation>
    </message>
    <message>
        <source>a transfer names where the call goes</source>
        <translation>una transferencia indica adónde va la llamada</translation>
    </message>
    <message>
        <source>a place outside the city is referred (outcome &quot;referred&quot;)</source>
        <translation>un lugar fuera de la ciudad se remite (resultado «referred»)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the city&apos;s referrals</source>
        <translation>«%1» no es una de las remisiones de la ciudad</translation>
    </message>
    <message>
        <source>attaching needs a seeded open request of the expected type</source>
        <translation>para asociar hace falta una solicitud abierta sembrada del tipo esperado</translation>
    </message>
    <message>
        <source>attaching ends as &quot;attached_to_existing&quot;</source>
        <translation>asociar termina como «attached_to_existing»</translation>
    </message>
    <message>
        <source>must be &quot;created&quot; or the ref of a seeded request</source>
        <translation>debe ser «created» o la referencia de una solicitud sembrada</translation>
    </message>
    <message>
        <source>names no seeded request</source>
        <translation>no nombra ninguna solicitud sembrada</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an article of this city&apos;s knowledge base</source>
        <translation>«%1» no es un artículo de la base de conocimiento de esta ciudad</translation>
    </message>
</context>
<context>
    <name>ServerOptions</name>
    <message>
        <source>Address and port to listen on (default 127.0.0.1:8311; port 0 picks a free one). Put nginx in front for TLS.</source>
        <translation>Dirección y puerto de escucha (predeterminado 127.0.0.1:8311; el puerto 0 elige uno libre). Ponga nginx delante para TLS.</translation>
    </message>
    <message>
        <source>Load a city pack into the store (idempotent) and exit.</source>
        <translation>Carga un paquete de ciudad en el almacén (idempotente) y termina.</translation>
    </message>
    <message>
        <source>The URL clients use to reach the Open311 API, for discovery (default: http://ADDR:PORT/open311/v2).</source>
        <translation>La URL con la que los clientes acceden a la API Open311, para el descubrimiento (predeterminada: http://DIR:PUERTO/open311/v2).</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;. See --help.</source>
        <translation>Argumento inesperado &quot;%1&quot;. Consulte --help.</translation>
    </message>
    <message>
        <source>--listen &quot;%1&quot; must be ADDR:PORT, e.g. 127.0.0.1:8311 or 0.0.0.0:8311.</source>
        <translation>--listen &quot;%1&quot; debe ser DIRECCIÓN:PUERTO, p. ej. 127.0.0.1:8311 o 0.0.0.0:8311.</translation>
    </message>
    <message>
        <source>--import-city: &quot;%1&quot; is not a folder.</source>
        <translation>--import-city: &quot;%1&quot; no es una carpeta.</translation>
    </message>
    <message>
        <source>civicdesk-server, the central store of CivicDesk: the sync API for workstations (/api/v1) and Open311 GeoReport v2 for web, mobile and open-data clients (/open311).</source>
        <translation>civicdesk-server, el almacén central de CivicDesk: la API de sincronización para estaciones de trabajo (/api/v1) y Open311 GeoReport v2 para clientes web, móviles y de datos abiertos (/open311).</translation>
    </message>
    <message>
        <source>The store: an SQLite file path (default: civicdesk-server.sqlite in the data folder; one site) or a PostgreSQL 15 database, postgresql://user:password@host:port/dbname (a city; several server processes may share it). Percent-encode reserved characters in the password (@ as %40, / as %2F).</source>
        <translation>El almacén: una ruta de archivo SQLite (predeterminado: civicdesk-server.sqlite en la carpeta de datos; un solo sitio) o una base de datos PostgreSQL 15, postgresql://user:password@host:port/dbname (una ciudad; varios procesos de servidor pueden compartirla). Codifique con porcentaje los caracteres reservados de la contraseña (@ como %40, / como %2F).</translation>
    </message>
    <message>
        <source>Add a user (with --role) and exit; the password is read from standard input (at least 10 characters).</source>
        <translation>Agrega un usuario (con --role) y termina; la contraseña se lee de la entrada estándar (al menos 10 caracteres).</translation>
    </message>
    <message>
        <source>The role for --add-user: call_taker, lobby, supervisor, trainer, editor or admin.</source>
        <translation>El rol para --add-user: call_taker, lobby, supervisor, trainer, editor o admin.</translation>
    </message>
    <message>
        <source>Set a user&apos;s password (read from standard input), end their sessions and unlock the account, then exit.</source>
        <translation>Establece la contraseña de un usuario (leída de la entrada estándar), cierra sus sesiones y desbloquea la cuenta; luego termina.</translation>
    </message>
    <message>
        <source>Disable a user (their tokens stop working at once) and exit.</source>
        <translation>Deshabilita un usuario (sus tokens dejan de funcionar de inmediato) y termina.</translation>
    </message>
    <message>
        <source>Enable a disabled user again and exit.</source>
        <translation>Vuelve a habilitar un usuario deshabilitado y termina.</translation>
    </message>
    <message>
        <source>Make an Open311 API key for LABEL (the app or partner using it), print it as the last line and exit.</source>
        <translation>Crea una clave de API de Open311 para LABEL (la aplicación o el socio que la usa), la imprime como última línea y termina.</translation>
    </message>
    <message>
        <source>Revoke the API key of LABEL and exit.</source>
        <translation>Revoca la clave de API de LABEL y termina.</translation>
    </message>
    <message>
        <source>--add-user needs --role, one of: %1.</source>
        <translation>--add-user necesita --role, uno de: %1.</translation>
    </message>
    <message>
        <source>--role goes with --add-user; to change a role use PATCH /api/v1/users/NAME as an admin.</source>
        <translation>--role se usa con --add-user; para cambiar un rol, use PATCH /api/v1/users/NAME como administrador.</translation>
    </message>
    <message>
        <source>Read a city pack as --import-city would, list every problem (file, line or key, what was expected) and exit: 0 when there is none, 1 otherwise. Writes nothing.</source>
        <translation>Lee un paquete de ciudad como lo haría --import-city, enumera todos los problemas (archivo, línea o clave, lo que se esperaba) y termina: 0 si no hay ninguno, 1 en caso contrario. No escribe nada.</translation>
    </message>
    <message>
        <source>With --import-city: replace the city the store holds by the pack&apos;s (a store holds one city; refused when requests were recorded in it).</source>
        <translation>Con --import-city: reemplaza la ciudad del almacén por la del paquete (un almacén contiene una sola ciudad; se rechaza si ya se registraron solicitudes en él).</translation>
    </message>
    <message>
        <source>Give one command at a time (--import-city, --check-city, --add-user, --reset-password, --disable-user, --enable-user, --create-api-key, --revoke-api-key).</source>
        <translation>Indique un solo comando a la vez (--import-city, --check-city, --add-user, --reset-password, --disable-user, --enable-user, --create-api-key, --revoke-api-key).</translation>
    </message>
    <message>
        <source>Give --check-city or --import-city, not both.</source>
        <translation>Indique --check-city o --import-city, no ambos.</translation>
    </message>
    <message>
        <source>--check-city: &quot;%1&quot; is not a folder.</source>
        <translation>--check-city: &quot;%1&quot; no es una carpeta.</translation>
    </message>
    <message>
        <source>--replace-city goes with --import-city DIR.</source>
        <translation>--replace-city va con --import-city DIR.</translation>
    </message>
    <message>
        <source>%1 connections need %2 file descriptors; this process may open %3 (raise LimitNOFILE= in the unit or ulimit -n, or lower --max-connections).</source>
        <translation>%1 conexiones necesitan %2 descriptores de archivo; este proceso puede abrir %3 (aumente LimitNOFILE= en la unidad o ulimit -n, o reduzca --max-connections).</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; must be a whole number from %3 to %4.</source>
        <translation>%1 &quot;%2&quot; debe ser un número entero entre %3 y %4.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an IP address or network (e.g. 127.0.0.1, ::1 or 10.0.0.0/8).</source>
        <translation>%1: &quot;%2&quot; no es una dirección IP ni una red (p. ej., 127.0.0.1, ::1 o 10.0.0.0/8).</translation>
    </message>
    <message>
        <source>Open client connections at most (default %1, or fewer when the descriptor limit is lower); one more is answered 503 with Retry-After and closed. Environment: CIVICDESK_MAX_CONNECTIONS.</source>
        <translation>Máximo de conexiones de clientes abiertas (por defecto %1, o menos si el límite de descriptores es menor); una más recibe 503 con Retry-After y se cierra. Entorno: CIVICDESK_MAX_CONNECTIONS.</translation>
    </message>
    <message>
        <source>Seconds a client has to send a request&apos;s head (default 10). Environment: CIVICDESK_HEADER_TIMEOUT.</source>
        <translation>Segundos que tiene un cliente para enviar la cabecera de una solicitud (por defecto 10). Entorno: CIVICDESK_HEADER_TIMEOUT.</translation>
    </message>
    <message>
        <source>Seconds an idle kept-alive connection stays open (default 75; keep it above nginx&apos;s keepalive_timeout). Environment: CIVICDESK_IDLE_TIMEOUT.</source>
        <translation>Segundos que una conexión persistente inactiva sigue abierta (por defecto 75; manténgalo por encima del keepalive_timeout de nginx). Entorno: CIVICDESK_IDLE_TIMEOUT.</translation>
    </message>
    <message>
        <source>Addresses or networks of reverse proxies whose X-Forwarded-For names the client (e.g. 127.0.0.1,::1 for nginx on this machine; default: none). Environment: CIVICDESK_TRUSTED_PROXIES.</source>
        <translation>Direcciones o redes de los proxies inversos cuyo X-Forwarded-For identifica al cliente (p. ej., 127.0.0.1,::1 para nginx en esta máquina; por defecto: ninguno). Entorno: CIVICDESK_TRUSTED_PROXIES.</translation>
    </message>
    <message>
        <source>Threads that check passwords (default 2). Environment: CIVICDESK_SIGN_IN_WORKERS.</source>
        <translation>Hilos que comprueban contraseñas (por defecto 2). Entorno: CIVICDESK_SIGN_IN_WORKERS.</translation>
    </message>
    <message>
        <source>Sign-ins that may wait for a password check (default 100); more are answered 503 with Retry-After. Environment: CIVICDESK_SIGN_IN_QUEUE.</source>
        <translation>Inicios de sesión que pueden esperar la comprobación de la contraseña (por defecto 100); los demás reciben 503 con Retry-After. Entorno: CIVICDESK_SIGN_IN_QUEUE.</translation>
    </message>
    <message>
        <source>Sign-in attempts a minute from one client address (default 120). Environment: CIVICDESK_SIGN_INS_PER_ADDRESS.</source>
        <translation>Intentos de inicio de sesión por minuto desde una misma dirección de cliente (por defecto 120). Entorno: CIVICDESK_SIGN_INS_PER_ADDRESS.</translation>
    </message>
    <message>
        <source>Sign-in attempts a minute for one user name (default 10). Environment: CIVICDESK_SIGN_INS_PER_ACCOUNT.</source>
        <translation>Intentos de inicio de sesión por minuto para un mismo nombre de usuario (por defecto 10). Entorno: CIVICDESK_SIGN_INS_PER_ACCOUNT.</translation>
    </message>
    <message>
        <source>Pushes (and sign-ins, sign-outs, Open311 POSTs) that may wait to be written (default 256); more are answered 503 with Retry-After. Environment: CIVICDESK_PUSH_QUEUE.</source>
        <translation>Envíos de eventos (e inicios y cierres de sesión, POST de Open311) que pueden esperar a ser escritos (por defecto 256); los demás reciben 503 con Retry-After. Entorno: CIVICDESK_PUSH_QUEUE.</translation>
    </message>
    <message>
        <source>Of those, connections that have not carried a valid sign-in token (default: three quarters); the rest are kept for signed-in workstations, which are never refused while a connection not signed in sits idle. Environment: CIVICDESK_MAX_ANONYMOUS_CONNECTIONS.</source>
        <translation>De ellas, conexiones que no han presentado un token de sesión válido (por omisión: tres cuartas partes); el resto se reserva para los puestos con sesión iniciada, que nunca se rechazan mientras haya una conexión sin sesión inactiva. Entorno: CIVICDESK_MAX_ANONYMOUS_CONNECTIONS.</translation>
    </message>
    <message>
        <source>--max-anonymous-connections (%1) cannot be more than --max-connections (%2).</source>
        <translation>--max-anonymous-connections (%1) no puede ser mayor que --max-connections (%2).</translation>
    </message>
</context>
<context>
    <name>ServiceNames</name>
    <message>
        <source>keyed by the service list&apos;s service codes, none empty</source>
        <translation>un objeto cuyas claves son los códigos de servicio de la lista de servicios, ninguna vacía</translation>
    </message>
    <message>
        <source>an object of names by language, e.g. {&quot;es&quot;: &quot;Bache en la calle&quot;}</source>
        <translation>un objeto de nombres por idioma, p. ej. {&quot;es&quot;: &quot;Bache en la calle&quot;}</translation>
    </message>
    <message>
        <source>keyed by one of the pack&apos;s &quot;languages&quot; (%1); add the language there first</source>
        <translation>una clave de uno de los «languages» del paquete (%1); añada antes el idioma allí</translation>
    </message>
    <message>
        <source>a name of 1 to %1 characters</source>
        <translation>un nombre de 1 a %1 caracteres</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>«%1» debe ser %2.</translation>
    </message>
</context>
<context>
    <name>SharedPractice</name>
    <message>
        <source>The scenario is not saved: %1</source>
        <translation>El escenario no se ha guardado: %1</translation>
    </message>
    <message>
        <source>Practice scenarios are written by trainers and admins; %1 works as %2.</source>
        <translation>Los escenarios de práctica los escriben los formadores y los administradores; %1 trabaja como %2.</translation>
    </message>
    <message>
        <source>&quot;scenario&quot; is required: one scenario of the scenario file format.</source>
        <translation>«scenario» es obligatorio: un escenario en el formato de los archivos de escenarios.</translation>
    </message>
    <message>
        <source>&quot;replacing&quot; must be the id of the scenario being edited (a string).</source>
        <translation>«replacing» debe ser el identificador del escenario que se edita (un texto).</translation>
    </message>
    <message>
        <source>A practice scenario with the id &quot;%1&quot; exists already: choose another id, or edit that scenario.</source>
        <translation>Ya existe un escenario de práctica con el identificador «%1»: elija otro identificador o edite ese escenario.</translation>
    </message>
    <message>
        <source>Practice scenarios are deleted by trainers and admins; %1 works as %2.</source>
        <translation>Los escenarios de práctica los eliminan los formadores y los administradores; %1 trabaja como %2.</translation>
    </message>
    <message>
        <source>&quot;id&quot; is required: the id of the scenario to delete.</source>
        <translation>«id» es obligatorio: el identificador del escenario que se va a eliminar.</translation>
    </message>
    <message>
        <source>No shared practice scenario has the id &quot;%1&quot;.</source>
        <translation>Ningún escenario de práctica compartido tiene el identificador «%1».</translation>
    </message>
    <message>
        <source>Only trainers, supervisors and admins read other trainees&apos; practice runs.</source>
        <translation>Solo los formadores, los supervisores y los administradores leen las prácticas de otros alumnos.</translation>
    </message>
    <message>
        <source>&quot;runs&quot; is required: a list of 1 to %1 practice runs.</source>
        <translation>«runs» es obligatorio: una lista de 1 a %1 prácticas.</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>Práctica %1: %2</translation>
    </message>
    <message>
        <source>Run %1 is %2&apos;s; %3 may send only their own practice runs.</source>
        <translation>La práctica %1 es de %2; %3 solo puede enviar sus propias prácticas.</translation>
    </message>
</context>
<context>
    <name>StatusReadback</name>
    <message>
        <source>Type or read in the request number.</source>
        <translation>Escriba o dicte el número de solicitud.</translation>
    </message>
    <message>
        <source>A city case number has %1 digits; this one has %2. Ask the caller to read it again.</source>
        <translation>Un número de caso de la ciudad tiene %1 dígitos; este tiene %2. Pida a la persona que llama que lo vuelva a leer.</translation>
    </message>
    <message>
        <source>No request %1 in this workstation&apos;s store. Check the number with the caller; a request made elsewhere arrives once the workstation syncs.</source>
        <translation>No hay ninguna solicitud %1 en el almacén local de esta estación de trabajo. Verifique el número con la persona que llama; una solicitud hecha en otro lugar llega cuando la estación de trabajo se sincroniza.</translation>
    </message>
</context>
<context>
    <name>StorableText</name>
    <message>
        <source>starts with a byte-order mark (U+FEFF)</source>
        <translation>empieza con una marca de orden de bytes (U+FEFF)</translation>
    </message>
    <message>
        <source>holds a NUL character (U+0000)</source>
        <translation>contiene un carácter NUL (U+0000)</translation>
    </message>
    <message>
        <source>holds a noncharacter (U+FFFE or U+FFFF)</source>
        <translation>contiene un no-carácter (U+FFFE o U+FFFF)</translation>
    </message>
    <message>
        <source>holds a lone surrogate (not valid Unicode text)</source>
        <translation>contiene un sustituto suelto (no es texto Unicode válido)</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>Cannot create folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <source>The Qt SQLite driver is not installed (Debian package libqt6sql6-sqlite).</source>
        <translation>El controlador SQLite de Qt no está instalado (paquete de Debian libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation>No se puede abrir el almacén local %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a CivicDesk store (%2).</source>
        <translation>%1 no es un almacén local de CivicDesk (%2).</translation>
    </message>
    <message>
        <source>The SQLite library lacks %1, which CivicDesk needs.</source>
        <translation>A la biblioteca SQLite le falta %1, que CivicDesk necesita.</translation>
    </message>
    <message>
        <source>This store was written by a newer CivicDesk (schema version %1; this version reads up to %2). Update CivicDesk, or open another store with --database.</source>
        <translation>Este almacén local fue escrito por una versión más reciente de CivicDesk (versión de esquema %1; esta versión lee hasta la %2). Actualice CivicDesk o abra otro almacén local con --database.</translation>
    </message>
    <message>
        <source>Upgrading the store to schema version %1 failed; it is unchanged. %2</source>
        <translation>No se pudo actualizar el almacén local a la versión de esquema %1; no se modificó. %2</translation>
    </message>
    <message>
        <source>%1 event: &quot;%2&quot; %3</source>
        <translation>evento %1: &quot;%2&quot; %3</translation>
    </message>
    <message>
        <source>must all be set</source>
        <translation>deben tener valor todos</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
    <message>
        <source>names no editable field</source>
        <translation>no corresponde a ningún campo editable</translation>
    </message>
    <message>
        <source>must be open, in_progress or closed</source>
        <translation>debe ser open, in_progress o closed</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>está vacío</translation>
    </message>
    <message>
        <source>is not a known channel</source>
        <translation>no es un canal conocido</translation>
    </message>
    <message>
        <source>is not a known outcome</source>
        <translation>no es un resultado conocido</translation>
    </message>
    <message>
        <source>is not a known event kind</source>
        <translation>no es un tipo de evento conocido</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 falló: %2</translation>
    </message>
    <message>
        <source>cannot start a transaction: %1</source>
        <translation>no se puede iniciar una transacción: %1</translation>
    </message>
    <message>
        <source>cannot commit: %1</source>
        <translation>no se puede confirmar la transacción (commit): %1</translation>
    </message>
    <message>
        <source>names no article in this store</source>
        <translation>no corresponde a ningún artículo de este almacén local</translation>
    </message>
    <message>
        <source>is not a move allowed from the article&apos;s state</source>
        <translation>no es un cambio permitido desde el estado del artículo</translation>
    </message>
    <message>
        <source>is not an article field with a text value</source>
        <translation>no es un campo de artículo con valor de texto</translation>
    </message>
    <message>
        <source>must be agent or public</source>
        <translation>debe ser agent o public</translation>
    </message>
    <message>
        <source>must be a date like 2027-01-31</source>
        <translation>debe ser una fecha como 2027-01-31</translation>
    </message>
    <message>
        <source>must be draft, in_review, published or archived</source>
        <translation>debe ser draft, in_review, published o archived</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PostgreSQL URL of the form postgresql://user:password@host:port/dbname (%2).</source>
        <translation>&quot;%1&quot; no es una URL de PostgreSQL con el formato postgresql://user:password@host:port/dbname (%2).</translation>
    </message>
    <message>
        <source>malformed: check the port and that reserved characters are %-encoded</source>
        <translation>mal formada: revise el puerto y que los caracteres reservados estén codificados con %</translation>
    </message>
    <message>
        <source>no host</source>
        <translation>sin host</translation>
    </message>
    <message>
        <source>no user name</source>
        <translation>sin nombre de usuario</translation>
    </message>
    <message>
        <source>no database name</source>
        <translation>sin nombre de base de datos</translation>
    </message>
    <message>
        <source>The Qt PostgreSQL driver is not installed (Debian package libqt6sql6-psql).</source>
        <translation>El controlador PostgreSQL de Qt no está instalado (paquete de Debian libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>PostgreSQL at %1 refused user &quot;%2&quot;: wrong user name or password.</source>
        <translation>PostgreSQL en %1 rechazó al usuario &quot;%2&quot;: nombre de usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>PostgreSQL at %1 has no database &quot;%2&quot;; create it first (createdb %2).</source>
        <translation>PostgreSQL en %1 no tiene la base de datos &quot;%2&quot;; créela primero (createdb %2).</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: is the server running there and reachable?</source>
        <translation>No se puede conectar a PostgreSQL en %1: ¿el servidor se está ejecutando allí y es accesible?</translation>
    </message>
    <message>
        <source>No PostgreSQL form is known for the migration statement &quot;%1&quot;.</source>
        <translation>No se conoce ninguna forma de PostgreSQL para la instrucción de migración &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No reference table &quot;%1&quot;; the tables are: %2.</source>
        <translation>No existe la tabla de referencia &quot;%1&quot;; las tablas son: %2.</translation>
    </message>
    <message>
        <source>names the request itself</source>
        <translation>hace referencia a la propia solicitud</translation>
    </message>
    <message>
        <source>is not an ISO 8601 time</source>
        <translation>no es una hora ISO 8601</translation>
    </message>
    <message>
        <source>must be one of %1</source>
        <translation>debe ser uno de %1</translation>
    </message>
    <message>
        <source>is not a link event</source>
        <translation>no es un evento de vínculo</translation>
    </message>
    <message>
        <source>Cannot reach the store %1: %2</source>
        <translation>No se puede acceder al almacén %1: %2</translation>
    </message>
    <message>
        <source>is missing: latitude and longitude go together</source>
        <translation>falta: la latitud y la longitud van juntas</translation>
    </message>
    <message>
        <source>must be a number of degrees from -90 to 90</source>
        <translation>debe ser un número de grados de -90 a 90</translation>
    </message>
    <message>
        <source>must be a number of degrees from -180 to 180</source>
        <translation>debe ser un número de grados de -180 a 180</translation>
    </message>
    <message>
        <source>must be an ISO 8601 time such as 2026-12-06T14:30:00Z</source>
        <translation>debe ser una hora ISO 8601, como 2026-12-06T14:30:00Z</translation>
    </message>
    <message>
        <source>must be a language code such as en, es or zh</source>
        <translation>debe ser un código de idioma como en, es o zh</translation>
    </message>
    <message>
        <source>must be an http(s) URL</source>
        <translation>debe ser una URL http(s)</translation>
    </message>
    <message>
        <source>must be 1 to %1 characters</source>
        <translation>debe tener de 1 a %1 caracteres</translation>
    </message>
    <message>
        <source>is not a language code</source>
        <translation>no es un código de idioma</translation>
    </message>
    <message>
        <source>must be agent</source>
        <translation>debe ser agent</translation>
    </message>
    <message>
        <source>is longer than 200 characters</source>
        <translation>tiene más de 200 caracteres</translation>
    </message>
    <message>
        <source>has no revision waiting to be published</source>
        <translation>no tiene ninguna revisión pendiente de publicar</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>debe ser texto</translation>
    </message>
    <message>
        <source>is neither an E.164 number nor a short code</source>
        <translation>no es ni un número E.164 ni un número corto</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>tiene más de %1 caracteres</translation>
    </message>
    <message>
        <source>is not a known intake step</source>
        <translation>no es un paso de atención conocido</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>debe ser un objeto</translation>
    </message>
    <message>
        <source>is not a known call end cause</source>
        <translation>no es una causa de fin de llamada conocida</translation>
    </message>
    <message>
        <source>must be ticket</source>
        <translation>debe ser ticket</translation>
    </message>
    <message>
        <source>must be 1 to 12 characters</source>
        <translation>debe tener de 1 a 12 caracteres</translation>
    </message>
    <message>
        <source>must be a date such as 2026-12-06</source>
        <translation>debe ser una fecha como 2026-12-06</translation>
    </message>
    <message>
        <source>must be en or es</source>
        <translation>debe ser en o es</translation>
    </message>
    <message>
        <source>must be at most 100 characters</source>
        <translation>debe tener como máximo 100 caracteres</translation>
    </message>
    <message>
        <source>must be 1 to 20 characters</source>
        <translation>debe tener de 1 a 20 caracteres</translation>
    </message>
    <message>
        <source>must be a whole number from 0</source>
        <translation>debe ser un número entero desde 0</translation>
    </message>
    <message>
        <source>or &quot;to_category&quot; is required</source>
        <translation>o &quot;to_category&quot; es obligatorio</translation>
    </message>
    <message>
        <source>Ticket %1 is not waiting any more: another counter has called it.</source>
        <translation>El turno %1 ya no está en espera: otra ventanilla lo ha llamado.</translation>
    </message>
    <message>
        <source>must be known_issue</source>
        <translation>debe ser known_issue</translation>
    </message>
    <message>
        <source>%1 event: %2</source>
        <translation>evento %1: %2</translation>
    </message>
    <message>
        <source>must be %1</source>
        <translation>debe ser %1</translation>
    </message>
    <message>
        <source>Ticket number %1 is already given today.</source>
        <translation>El número de turno %1 ya se ha dado hoy.</translation>
    </message>
    <message>
        <source>is missing: give the search&apos;s language code (such as en or es), or an empty text when it is not known</source>
        <translation>falta: indique el código de idioma de la búsqueda (por ejemplo en o es), o un texto vacío si no se conoce</translation>
    </message>
</context>
<context>
    <name>SupervisionExport</name>
    <message>
        <source>More than %1 rows: export a shorter period.</source>
        <translation>Más de %1 filas: exporte un periodo más corto.</translation>
    </message>
</context>
<context>
    <name>SupervisionKpis</name>
    <message>
        <source>The city has no valid time zone; the figures cannot be counted by its days.</source>
        <translation>La ciudad no tiene una zona horaria válida; las cifras no se pueden contar por sus días.</translation>
    </message>
    <message>
        <source>The first day must be on or before the last day.</source>
        <translation>El primer día debe ser igual o anterior al último.</translation>
    </message>
    <message>
        <source>Choose at most %1 days at once.</source>
        <translation>Elija como máximo %1 días a la vez.</translation>
    </message>
    <message>
        <source>&quot;Due within&quot; is 1 to %1 hours.</source>
        <translation>«Vence en» es de 1 a %1 horas.</translation>
    </message>
    <message>
        <source>This store holds none of the city&apos;s imported request history: the central store&apos;s figures also count it.</source>
        <translation>Este almacén no tiene nada del historial de solicitudes importado de la ciudad: las cifras del almacén central también lo cuentan.</translation>
    </message>
    <message numerus="yes">
        <source>This store holds %Ln request(s) of the city&apos;s imported history, opened %1 to %2; the central store&apos;s figures count all it holds.</source>
        <translation>
            <numerusform>Este almacén tiene %Ln solicitud del historial importado de la ciudad, abierta entre el %1 y el %2; las cifras del almacén central cuentan todo el historial que guarda.</numerusform>
            <numerusform>Este almacén tiene %Ln solicitudes del historial importado de la ciudad, abiertas entre el %1 y el %2; las cifras del almacén central cuentan todo el historial que guarda.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>The server sent an unknown reference table &quot;%1&quot;.</source>
        <translation>El servidor envió una tabla de referencia desconocida &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The server&apos;s &quot;%1&quot; table has no &quot;%2&quot; column.</source>
        <translation>La tabla &quot;%1&quot; del servidor no tiene la columna &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>No rejected change %1 is waiting to be corrected.</source>
        <translation>No hay ningún cambio rechazado %1 en espera de corrección.</translation>
    </message>
    <message>
        <source>The server offers a reference table &quot;%1&quot; this CivicDesk does not know.</source>
        <translation>El servidor ofrece una tabla de referencia &quot;%1&quot; que esta versión de CivicDesk no conoce.</translation>
    </message>
    <message>
        <source>Standalone: showing this workstation&apos;s records only.</source>
        <translation>Modo independiente: se muestran solo los registros de esta estación de trabajo.</translation>
    </message>
    <message>
        <source>Not signed in to the central store: showing this workstation&apos;s records only.</source>
        <translation>No se inició sesión en el almacén central: se muestran solo los registros de esta estación de trabajo.</translation>
    </message>
    <message>
        <source>The central store cannot be reached (%1): showing this workstation&apos;s records only.</source>
        <translation>No se puede acceder al almacén central (%1): se muestran solo los registros de esta estación de trabajo.</translation>
    </message>
    <message>
        <source>The central store&apos;s answer could not be read (%1): showing this workstation&apos;s records only.</source>
        <translation>No se pudo leer la respuesta del almacén central (%1): se muestran solo los registros de este puesto.</translation>
    </message>
    <message>
        <source>The server&apos;s &quot;%1&quot; column is binary but a value is not base64.</source>
        <translation>La columna &quot;%1&quot; del servidor es binaria, pero uno de sus valores no está en base64.</translation>
    </message>
</context>
<context>
    <name>SyncApi</name>
    <message>
        <source>Too many sign-in attempts from this address; wait %1 seconds.</source>
        <translation>Demasiados intentos de inicio de sesión desde esta dirección; espere %1 segundos.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required (a string).</source>
        <translation>&quot;%1&quot; es obligatorio (una cadena).</translation>
    </message>
    <message>
        <source>&quot;device&quot; must be a string.</source>
        <translation>&quot;device&quot; debe ser una cadena.</translation>
    </message>
    <message>
        <source>&quot;events&quot; must be an array of events.</source>
        <translation>&quot;events&quot; debe ser un arreglo de eventos.</translation>
    </message>
    <message>
        <source>Send 1 to %1 events per batch.</source>
        <translation>Envíe de 1 a %1 eventos por lote.</translation>
    </message>
    <message>
        <source>Each event must be a JSON object.</source>
        <translation>Cada evento debe ser un objeto JSON.</translation>
    </message>
    <message>
        <source>The store could not accept the batch; nothing was written. %1</source>
        <translation>El almacén no pudo aceptar el lote; no se escribió nada. %1</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be a sequence number (0 or more).</source>
        <translation>&quot;after&quot; debe ser un número de secuencia (0 o mayor).</translation>
    </message>
    <message>
        <source>&quot;limit&quot; must be from 1 to %1.</source>
        <translation>&quot;limit&quot; debe estar entre 1 y %1.</translation>
    </message>
    <message>
        <source>&quot;wait&quot; must be from 0 to %1 seconds.</source>
        <translation>&quot;wait&quot; debe estar entre 0 y %1 segundos.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts for this account; wait %1 seconds.</source>
        <translation>Demasiados intentos de inicio de sesión para esta cuenta; espere %1 segundos.</translation>
    </message>
    <message>
        <source>The server is checking as many sign-ins as it can; try again in %1 seconds.</source>
        <translation>El servidor ya está comprobando todos los inicios de sesión que puede; vuelva a intentarlo en %1 segundos.</translation>
    </message>
    <message>
        <source>The server has as many batches waiting to be written as it takes; try again in %1 seconds.</source>
        <translation>El servidor ya tiene todos los lotes que admite esperando a ser escritos; vuelva a intentarlo en %1 segundos.</translation>
    </message>
    <message>
        <source>The server has as many writes waiting for the store as it takes; try again in %1 seconds.</source>
        <translation>El servidor tiene tantas escrituras esperando al almacén como admite; vuelva a intentarlo dentro de %1 segundos.</translation>
    </message>
</context>
<context>
    <name>TeamMembership</name>
    <message>
        <source>A team&apos;s name is at most %1 characters.</source>
        <translation>El nombre de un equipo tiene como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>A team&apos;s name cannot hold control characters.</source>
        <translation>El nombre de un equipo no puede contener caracteres de control.</translation>
    </message>
    <message>
        <source>A team&apos;s name cannot start or end with spaces.</source>
        <translation>El nombre de un equipo no puede empezar ni terminar con espacios.</translation>
    </message>
    <message>
        <source>Name the agent.</source>
        <translation>Indique el agente.</translation>
    </message>
    <message>
        <source>&quot;team&quot; must be a name (empty for no team).</source>
        <translation>&quot;team&quot; debe ser un nombre (vacío para ningún equipo).</translation>
    </message>
</context>
<context>
    <name>TelephonyAdapter</name>
    <message>
        <source>no answer within %1 s</source>
        <translation>sin respuesta en %1 s</translation>
    </message>
    <message>
        <source>the connection closed</source>
        <translation>la conexión se cerró</translation>
    </message>
    <message>
        <source>The phone is not connected (%1); use the phone itself.</source>
        <translation>El teléfono no está conectado (%1); use el propio teléfono.</translation>
    </message>
    <message>
        <source>The command could not be sent to %1: %2</source>
        <translation>No se pudo enviar la orden a %1: %2</translation>
    </message>
</context>
<context>
    <name>TraineeReport</name>
    <message>
        <source>Answers to the type&apos;s questions</source>
        <translation>Respuestas a las preguntas del tipo</translation>
    </message>
</context>
<context>
    <name>TraineeReportPdf</name>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 de %2 (%3 %)</translation>
    </message>
    <message>
        <source>TRAINING — practice record, not live work</source>
        <translation>FORMACIÓN — registro de práctica, no trabajo real</translation>
    </message>
    <message>
        <source>Practice report: %1</source>
        <translation>Informe de práctica: %1</translation>
    </message>
    <message>
        <source>Practice calls: %1 · scenarios passed: %2 of %3 · average score: %4</source>
        <translation>Llamadas de práctica: %1 · escenarios superados: %2 de %3 · puntuación media: %4</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Escenarios</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Puntuaciones</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Mejor</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Superado</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Criterios</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Met, all calls</source>
        <translation>Cumplido, todas las llamadas</translation>
    </message>
    <message>
        <source>Met, last %1</source>
        <translation>Cumplido, últimas %1</translation>
    </message>
    <message>
        <source>Not passed yet</source>
        <translation>Aún sin superar</translation>
    </message>
    <message>
        <source>Every scenario is passed.</source>
        <translation>Todos los escenarios están superados.</translation>
    </message>
    <message>
        <source>Every call</source>
        <translation>Todas las llamadas</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Critical failures</source>
        <translation>Fallos críticos</translation>
    </message>
    <message>
        <source>%1 (pass %2)</source>
        <translation>%1 (aprobado con %2)</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>superada</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>no superada</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>The report cannot be written to %1: choose a folder you may write to.</source>
        <translation>No se puede escribir el informe en %1: elija una carpeta en la que pueda escribir.</translation>
    </message>
    <message>
        <source>TRAINING — practice report: %1</source>
        <translation>FORMACIÓN — informe de práctica: %1</translation>
    </message>
    <message>
        <source>The report could not be written to %1.</source>
        <translation>No se pudo escribir el informe en %1.</translation>
    </message>
    <message>
        <source>TRAINING · %1 · page %2 of %3</source>
        <translation>FORMACIÓN · %1 · página %2 de %3</translation>
    </message>
    <message>
        <source>not yet (critical failure)</source>
        <translation>todavía no (fallo crítico)</translation>
    </message>
</context>
<context>
    <name>TrainingRecord</name>
    <message>
        <source>Training record %1: %2</source>
        <translation>Registro de formación %1: %2</translation>
    </message>
    <message>
        <source>it was written by a newer CivicDesk (record version %1; this one reads %2): update CivicDesk on this workstation</source>
        <translation>lo escribió una versión más reciente de CivicDesk (versión de registro %1; esta lee hasta la %2): actualice CivicDesk en esta estación de trabajo</translation>
    </message>
    <message>
        <source>a practice run needs an id, a trainee, a scenario and the time it ended</source>
        <translation>una práctica necesita un identificador, una persona en formación, un escenario y la hora en que terminó</translation>
    </message>
    <message>
        <source>a practice run&apos;s score and pass mark are 0 to 100, its time 0 seconds or more</source>
        <translation>la puntuación y la nota de aprobado de una práctica van de 0 a 100, y su tiempo es de 0 segundos o más</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>«%1» debe ser %2.</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>un texto</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un número entero</translation>
    </message>
    <message>
        <source>a list of failure ids</source>
        <translation>una lista de identificadores de fallos</translation>
    </message>
    <message>
        <source>a list of criteria</source>
        <translation>una lista de criterios</translation>
    </message>
    <message>
        <source>a time in ISO 8601</source>
        <translation>una hora en ISO 8601</translation>
    </message>
    <message>
        <source>a list of {id, title, expected, done, points, max}</source>
        <translation>una lista de {id, title, expected, done, points, max}</translation>
    </message>
    <message>
        <source>a whole number from 0 to 100</source>
        <translation>un número entero de 0 a 100</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>This build has no telephony (CIVICDESK_WITH_CTI=OFF).</source>
        <translation>Esta compilación no incluye telefonía (CIVICDESK_WITH_CTI=OFF).</translation>
    </message>
    <message>
        <source>Telephony: %1</source>
        <translation>Telefonía: %1</translation>
    </message>
    <message>
        <source>&amp;Phone settings…</source>
        <translation>Ajustes del &amp;teléfono…</translation>
    </message>
</context>
<context>
    <name>civicdesk</name>
    <message>
        <source>The server&apos;s answer could not be read (%1).</source>
        <translation>No se pudo leer la respuesta del servidor (%1).</translation>
    </message>
    <message>
        <source>The server answered with HTTP status %1.</source>
        <translation>El servidor respondió con el estado HTTP %1.</translation>
    </message>
    <message>
        <source>Try again in %1 s.</source>
        <translation>Vuelva a intentarlo en %1 s.</translation>
    </message>
</context>
<context>
    <name>civicdesk::AgentSwitch</name>
    <message>
        <source>Switch agent</source>
        <translation>Cambiar de agente</translation>
    </message>
    <message>
        <source>A contact or an unsubmitted request is open. Keep it as your draft (the next agent does not see it; it comes back when you sign in here again), or end it first?</source>
        <translation>Hay un contacto o una solicitud sin enviar abiertos. ¿Conservarlo como su borrador (el agente siguiente no lo ve; vuelve cuando usted inicie sesión aquí de nuevo) o terminarlo primero?</translation>
    </message>
    <message>
        <source>&amp;Keep as my draft</source>
        <translation>&amp;Conservar como mi borrador</translation>
    </message>
    <message>
        <source>&amp;End it first</source>
        <translation>&amp;Terminarlo primero</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>End the contact (Ctrl+E) or submit the request, then switch agent (Ctrl+Shift+U).</source>
        <translation>Termine el contacto (Ctrl+E) o envíe la solicitud y luego cambie de agente (Ctrl+Mayús+U).</translation>
    </message>
    <message>
        <source>The central store (%1) cannot be reached: %2. Switching agents needs it to check the next agent&apos;s password and role, so the present agent stays signed in. Try again when the connection is back.</source>
        <translation>No se puede conectar con el almacén central (%1): %2. Para cambiar de agente hace falta comprobar allí la contraseña y el rol del agente siguiente, así que el agente actual sigue con la sesión iniciada. Vuelva a intentarlo cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>The central store gave %1 a role this workstation does not know (%2).</source>
        <translation>El almacén central asignó a %1 un rol que esta estación de trabajo no conoce (%2).</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) by the present agent have not reached the central store yet; they must go first, under that agent&apos;s name. Check the connection (Sync menu) and try again.</source>
        <translation>
            <numerusform>%n cambio del agente actual aún no ha llegado al almacén central; debe llegar primero, con el nombre de ese agente. Compruebe la conexión (menú Sincronización) y vuelva a intentarlo.</numerusform>
            <numerusform>%n cambios del agente actual aún no han llegado al almacén central; deben llegar primero, con el nombre de ese agente. Compruebe la conexión (menú Sincronización) y vuelva a intentarlo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::AnswersPanel</name>
    <message>
        <source>Answers opened during contacts; Enter lists the contacts, on Calls closed only those it closed</source>
        <translation>Respuestas abiertas durante los contactos; Intro lista los contactos, en Llamadas cerradas solo las que cerró</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Opened in</source>
        <translation>Abierta en</translation>
    </message>
    <message>
        <source>Calls closed</source>
        <translation>Llamadas cerradas</translation>
    </message>
    <message>
        <source>Searches that found no answer; Enter lists the contacts they were made in</source>
        <translation>Búsquedas sin respuesta; Intro lista los contactos en que se hicieron</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Búsqueda</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Calls closed with “%1”</source>
        <translation>Llamadas cerradas con «%1»</translation>
    </message>
    <message>
        <source>Contacts in which “%1” was opened</source>
        <translation>Contactos en los que se abrió «%1»</translation>
    </message>
    <message>
        <source>Contacts that searched “%1” without an answer</source>
        <translation>Contactos que buscaron «%1» sin respuesta</translation>
    </message>
    <message>
        <source>Answers opened during contacts:</source>
        <translation>Respuestas abiertas durante los contactos:</translation>
    </message>
    <message>
        <source>Searches that found no answer:</source>
        <translation>Búsquedas sin respuesta:</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) ended with information given; %1 of them (%2) with an answer opened.</source>
        <translation>
            <numerusform>%n contacto terminó con información dada; %1 de ellos (%2) con una respuesta abierta.</numerusform>
            <numerusform>%n contactos terminaron con información dada; %1 de ellos (%2) con una respuesta abierta.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::ArticleEditorDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>Nuevo artículo</translation>
    </message>
    <message>
        <source>Edit article</source>
        <translation>Editar artículo</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Agents only</source>
        <translation>Solo agentes</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Request type codes, separated by spaces</source>
        <translation>Códigos de tipo de solicitud, separados por espacios</translation>
    </message>
    <message>
        <source>Headings (## ...), lists (- ...) and links</source>
        <translation>Encabezados (## ...), listas (- ...) y enlaces</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Audience:</source>
        <translation>&amp;Audiencia:</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Departamento:</translation>
    </message>
    <message>
        <source>Request &amp;types:</source>
        <translation>Tipos de &amp;solicitud:</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>Pa&amp;labras clave:</translation>
    </message>
    <message>
        <source>Sc&amp;ript (read aloud):</source>
        <translation>Gui&amp;on (para leer en voz alta):</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>C&amp;uerpo:</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Transferir a</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horario</translation>
    </message>
    <message>
        <source>Trans&amp;fer:</source>
        <translation>Trans&amp;ferir a:</translation>
    </message>
    <message>
        <source>Re&amp;view due:</source>
        <translation>Re&amp;visión pendiente:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>There is no article %1.</source>
        <translation>No existe el artículo %1.</translation>
    </message>
    <message>
        <source>Saved as version %1.</source>
        <translation>Guardado como versión %1.</translation>
    </message>
    <message>
        <source>Now: %1.</source>
        <translation>Ahora: %1.</translation>
    </message>
    <message>
        <source>Send for &amp;review</source>
        <translation>Enviar a &amp;revisión</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publicar</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>Arc&amp;hivar</translation>
    </message>
    <message>
        <source>Return to &amp;draft</source>
        <translation>Devolver a &amp;borrador</translation>
    </message>
    <message>
        <source>Re&amp;store as draft</source>
        <translation>Restaurar como &amp;borrador</translation>
    </message>
    <message>
        <source>&amp;Withdraw to draft</source>
        <translation>Retirar a &amp;borrador</translation>
    </message>
    <message>
        <source>New draft</source>
        <translation>Nuevo borrador</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, versión %2</translation>
    </message>
    <message>
        <source>Why (kept in the history with this save or move)</source>
        <translation>Por qué (se guarda en el historial con este guardado o cambio de estado)</translation>
    </message>
    <message>
        <source>A revision saved by %1 is waiting beside the published article; agents see the published text until a supervisor publishes it. Note: %2</source>
        <translation>Una revisión guardada por %1 espera junto al artículo publicado; los agentes ven el texto publicado hasta que un supervisor la publique. Nota: %2</translation>
    </message>
    <message>
        <source>The revision is published: agents now find version %1.</source>
        <translation>La revisión está publicada: los agentes encuentran ahora la versión %1.</translation>
    </message>
    <message>
        <source>The revision is discarded; the published article is unchanged.</source>
        <translation>La revisión se descartó; el artículo publicado no cambia.</translation>
    </message>
    <message>
        <source>&amp;Save revision</source>
        <translation>&amp;Guardar revisión</translation>
    </message>
    <message>
        <source>%1 — revision waiting</source>
        <translation>%1 — revisión pendiente</translation>
    </message>
    <message>
        <source>Publish re&amp;vision</source>
        <translation>Publicar re&amp;visión</translation>
    </message>
    <message>
        <source>Dis&amp;card revision</source>
        <translation>&amp;Descartar revisión</translation>
    </message>
</context>
<context>
    <name>civicdesk::ArticleHistoryDialog</name>
    <message>
        <source>History of &quot;%1&quot;</source>
        <translation>Historial de &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importada</translation>
    </message>
    <message>
        <source>Version %1 (%2, %3)</source>
        <translation>Versión %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>Co&amp;mparar</translation>
    </message>
    <message>
        <source>&amp;with</source>
        <translation>co&amp;n</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Imported from the city pack</source>
        <translation>Importado del paquete de ciudad</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Reviewed; next review %1</source>
        <translation>Revisado; próxima revisión: %1</translation>
    </message>
    <message>
        <source>Moved to %1</source>
        <translation>Pasó a %1</translation>
    </message>
    <message>
        <source>Moved to %1: %2</source>
        <translation>Pasó a %1: %2</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Editado</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versión %1</translation>
    </message>
    <message>
        <source>The same version on both sides.</source>
        <translation>La misma versión en ambos lados.</translation>
    </message>
    <message>
        <source>Version %1 (left) and version %2 (right): removed words are struck out, added words are green.</source>
        <translation>Versión %1 (izquierda) y versión %2 (derecha): las palabras eliminadas aparecen tachadas y las agregadas, en verde.</translation>
    </message>
    <message>
        <source>Revision published</source>
        <translation>Revisión publicada</translation>
    </message>
    <message>
        <source>Revision published: %1</source>
        <translation>Revisión publicada: %1</translation>
    </message>
    <message>
        <source>Edited: %1</source>
        <translation>Editado: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::ArticleHitModel</name>
    <message>
        <source>changed since you last read it</source>
        <translation>cambió desde su última lectura</translation>
    </message>
    <message>
        <source>Changed since you last read it</source>
        <translation>Cambió desde su última lectura</translation>
    </message>
</context>
<context>
    <name>civicdesk::AuditTrailPanel</name>
    <message>
        <source>Days of the audit trail</source>
        <translation>Días del registro de auditoría</translation>
    </message>
    <message>
        <source>What supervisors did, the latest first</source>
        <translation>Lo que hicieron los supervisores, lo más reciente primero</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>The latest %1 of %2 actions: choose fewer days to see them all.</source>
        <translation>Las %1 acciones más recientes de %2: elija menos días para verlas todas.</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) in the last %1 day(s), from this workstation&apos;s copy of the centre&apos;s events.</source>
        <translation>
            <numerusform>%n acción en los últimos %1 día(s), según la copia de los eventos del centro en este puesto.</numerusform>
            <numerusform>%n acciones en los últimos %1 día(s), según la copia de los eventos del centro en este puesto.</numerusform>
        </translation>
    </message>
    <message>
        <source>Moved the request to %1</source>
        <translation>Pasó la solicitud a %1</translation>
    </message>
    <message>
        <source>Changed the request&apos;s %1</source>
        <translation>Cambió el campo %1 de la solicitud</translation>
    </message>
    <message>
        <source>Unlinked a duplicate</source>
        <translation>Desvinculó un duplicado</translation>
    </message>
    <message>
        <source>Moved an article to %1</source>
        <translation>Pasó un artículo a %1</translation>
    </message>
    <message>
        <source>Published an article&apos;s revision</source>
        <translation>Publicó la revisión de un artículo</translation>
    </message>
    <message>
        <source>Answered a help flag</source>
        <translation>Atendió una petición de ayuda</translation>
    </message>
    <message>
        <source>Posted a known issue: %1</source>
        <translation>Publicó una incidencia conocida: %1</translation>
    </message>
    <message>
        <source>Withdrew a known issue</source>
        <translation>Retiró una incidencia conocida</translation>
    </message>
    <message>
        <source>Took %1 out of every team</source>
        <translation>Sacó a %1 de todos los equipos</translation>
    </message>
    <message>
        <source>Put %1 in team %2</source>
        <translation>Puso a %1 en el equipo %2</translation>
    </message>
    <message>
        <source>Imported the phone system&apos;s report (%1)</source>
        <translation>Importó el informe de la centralita (%1)</translation>
    </message>
    <message>
        <source>Changed the cluster rule for %1</source>
        <translation>Cambió la regla de focos de %1</translation>
    </message>
    <message>
        <source>every other type</source>
        <translation>cualquier otro tipo</translation>
    </message>
    <message>
        <source>Published an evaluation form</source>
        <translation>Publicó un formulario de evaluación</translation>
    </message>
    <message>
        <source>Scored an evaluation of %1</source>
        <translation>Puntuó una evaluación de %1</translation>
    </message>
    <message>
        <source>Decided a disputed evaluation of %1</source>
        <translation>Resolvió una evaluación impugnada de %1</translation>
    </message>
    <message>
        <source>Wrote a coaching note for %1</source>
        <translation>Escribió una nota de orientación para %1</translation>
    </message>
    <message>
        <source>Quality review (%1)</source>
        <translation>Revisión de calidad (%1)</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>contactos</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>solicitudes</translation>
    </message>
    <message>
        <source>lobby visits</source>
        <translation>visitas al vestíbulo</translation>
    </message>
    <message>
        <source>evaluations</source>
        <translation>evaluaciones</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>del %1 al %2</translation>
    </message>
    <message>
        <source>Exported the monthly report of %1 as PDF (%2)</source>
        <translation>Exportó el informe mensual (%1) en PDF (%2)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) of %1 of %2 as CSV (%3)%4</source>
        <translation>
            <numerusform>Exportó %n fila de %1 (%2) en CSV (%3)%4</numerusform>
            <numerusform>Exportó %n filas de %1 (%2) en CSV (%3)%4</numerusform>
        </translation>
    </message>
    <message>
        <source>, with the callers&apos; details</source>
        <translation>, con los datos de quienes llamaron</translation>
    </message>
    <message>
        <source>&amp;Days back:</source>
        <translation>&amp;Días atrás:</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallController</name>
    <message>
        <source>a withheld number</source>
        <translation>un número oculto</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>un número desconocido</translation>
    </message>
    <message>
        <source>Phone: off</source>
        <translation>Teléfono: apagado</translation>
    </message>
    <message>
        <source>Phone: connecting to %1…</source>
        <translation>Teléfono: conectando con %1…</translation>
    </message>
    <message>
        <source>Phone: connected</source>
        <translation>Teléfono: conectado</translation>
    </message>
    <message>
        <source>Phone: not connected (%1), trying again in %2 s; type the caller&apos;s number by hand</source>
        <translation>Teléfono: sin conexión (%1), nuevo intento en %2 s; escriba a mano el número de quien llama</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallOut</name>
    <message>
        <source>Ticket %1, counter %2</source>
        <translation>Turno %1, ventanilla %2</translation>
    </message>
    <message>
        <source>The voice &quot;%1&quot; cannot be used: %2.</source>
        <translation>No se puede usar la voz «%1»: %2.</translation>
    </message>
    <message>
        <source>The speech engine %1 has no voice &quot;%2&quot;. Its voices: %3.</source>
        <translation>El motor de voz %1 no tiene la voz «%2». Sus voces: %3.</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallPop</name>
    <message numerus="yes">
        <source>Returning caller: %1 · %n request(s) on file (shown in History).</source>
        <translation>
            <numerusform>Persona conocida: %1 · %n solicitud registrada (en Historial).</numerusform>
            <numerusform>Persona conocida: %1 · %n solicitudes registradas (en Historial).</numerusform>
        </translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message numerus="yes">
        <source>%n caller(s) share this number: choose one with Up, Down and Enter, or type a new caller&apos;s name.</source>
        <translation>
            <numerusform>%n persona comparte este número: elíjala con Arriba, Abajo e Intro, o escriba el nombre de una persona nueva.</numerusform>
            <numerusform>%n personas comparten este número: elija una con Arriba, Abajo e Intro, o escriba el nombre de una persona nueva.</numerusform>
        </translation>
    </message>
    <message>
        <source>New caller: %1 is not on file; their details are saved with the request.</source>
        <translation>Persona nueva: %1 no está registrado; sus datos se guardan con la solicitud.</translation>
    </message>
    <message>
        <source>Number withheld: this is an anonymous contact. Ask for a name or number only if the request needs one.</source>
        <translation>Número oculto: es un contacto anónimo. Pida un nombre o un número solo si la solicitud lo necesita.</translation>
    </message>
    <message>
        <source>No number came with this call: an anonymous contact unless the caller gives their details.</source>
        <translation>La llamada llegó sin número: es un contacto anónimo salvo que la persona dé sus datos.</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>un número desconocido</translation>
    </message>
    <message>
        <source>Missed call from %1 at %2.</source>
        <translation>Llamada perdida de %1 (%2)</translation>
    </message>
    <message>
        <source>The line was busy.</source>
        <translation>La línea estaba ocupada.</translation>
    </message>
    <message>
        <source>The call was declined.</source>
        <translation>La llamada fue rechazada.</translation>
    </message>
    <message>
        <source>The call was transferred.</source>
        <translation>La llamada fue transferida.</translation>
    </message>
    <message>
        <source>The call failed: %1</source>
        <translation>La llamada falló: %1</translation>
    </message>
    <message>
        <source>The end of the call could not be recorded on its contact: %1</source>
        <translation>No se pudo registrar el final de la llamada en su contacto: %1</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>Transferir la llamada</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a place to transfer to: give a number, an extension or a queue of at most 100 characters. Nothing was sent.</source>
        <translation>«%1» no es un destino de transferencia: indique un número, una extensión o una cola de 100 caracteres como máximo. No se envió nada.</translation>
    </message>
    <message>
        <source>Transferring the call to %1…</source>
        <translation>Transfiriendo la llamada a %1…</translation>
    </message>
    <message>
        <source>Dial a number</source>
        <translation>Marcar un número</translation>
    </message>
    <message>
        <source>Number to call (the caller&apos;s phone is filled in):</source>
        <translation>Número al que llamar (ya figura el teléfono de quien llama):</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>Número al que llamar</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number to dial (digits, with +, spaces, dots, dashes or brackets). Nothing was dialled.</source>
        <translation>«%1» no es un número de teléfono que se pueda marcar (dígitos, con +, espacios, puntos, guiones o paréntesis). No se marcó nada.</translation>
    </message>
    <message>
        <source>Dialling %1…</source>
        <translation>Marcando %1…</translation>
    </message>
    <message>
        <source> (queue %1)</source>
        <translation> (cola %1)</translation>
    </message>
    <message>
        <source>The contact ended; the call with %1 is still on the line.</source>
        <translation>El contacto terminó; la llamada con %1 sigue en línea.</translation>
    </message>
    <message>
        <source>No call.</source>
        <translation>Sin llamada.</translation>
    </message>
    <message>
        <source>Ringing: a call from %1%2.</source>
        <translation>Suena: una llamada de %1%2.</translation>
    </message>
    <message>
        <source>On the call with %1%2.</source>
        <translation>En llamada con %1%2.</translation>
    </message>
    <message>
        <source>The call with %1 ended.</source>
        <translation>La llamada con %1 terminó.</translation>
    </message>
    <message>
        <source>Another call is ringing from %1: it comes up when this contact ends.</source>
        <translation>Suena otra llamada de %1: aparecerá cuando termine este contacto.</translation>
    </message>
    <message>
        <source>The phone is not connected.</source>
        <translation>El teléfono no está conectado.</translation>
    </message>
    <message>
        <source>The phone is not connected: %1</source>
        <translation>El teléfono no está conectado: %1</translation>
    </message>
    <message>
        <source>No call is ringing.</source>
        <translation>No hay ninguna llamada entrante.</translation>
    </message>
    <message>
        <source>No call to hang up.</source>
        <translation>No hay ninguna llamada que colgar.</translation>
    </message>
    <message>
        <source>Only an answered call can be transferred.</source>
        <translation>Solo se puede transferir una llamada contestada.</translation>
    </message>
    <message>
        <source>Finish the call on the line before dialling.</source>
        <translation>Termine la llamada en curso antes de marcar.</translation>
    </message>
    <message>
        <source>Transfer the call with %1 to</source>
        <translation>Transferir la llamada con %1 a</translation>
    </message>
    <message>
        <source>%1 (a number, an extension or a queue):</source>
        <translation>%1 (un número, una extensión o una cola):</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallbackListModel</name>
    <message>
        <source>Later</source>
        <translation>Más adelante</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Vence pronto</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamar a</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>Prometida por</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallbackListView</name>
    <message>
        <source>No callbacks waiting. Schedule one from a request&apos;s detail.</source>
        <translation>No hay devoluciones de llamada pendientes. Programe una desde el detalle de una solicitud.</translation>
    </message>
    <message>
        <source>Callbacks waiting, the earliest due first: %1 overdue or due within %2 minutes.</source>
        <translation>Devoluciones de llamada pendientes, primero las que vencen antes: %1 vencidas o por vencer en los próximos %2 minutos.</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>Devoluciones de llamada</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallerBox</name>
    <message>
        <source>Caller</source>
        <translation>Persona que llama</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Telé&amp;fono:</translation>
    </message>
    <message>
        <source>Caller phone</source>
        <translation>Teléfono de la persona que llama</translation>
    </message>
    <message>
        <source>Phone, e.g. (617) 555-0100</source>
        <translation>Teléfono, p. ej. (617) 555-0100</translation>
    </message>
    <message>
        <source>Caller name</source>
        <translation>Nombre de la persona que llama</translation>
    </message>
    <message>
        <source>Name (leave empty for an anonymous caller)</source>
        <translation>Nombre (déjelo vacío si la persona es anónima)</translation>
    </message>
    <message>
        <source>Caller email</source>
        <translation>Correo electrónico de la persona que llama</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Caller&apos;s language</source>
        <translation>Idioma de la persona que llama</translation>
    </message>
    <message>
        <source>Contact by</source>
        <translation>Cómo contactarle</translation>
    </message>
    <message>
        <source>Callers found</source>
        <translation>Personas encontradas</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n request(s)</source>
        <translation>
            <numerusform>%1 · %2 · %n solicitud</numerusform>
            <numerusform>%1 · %2 · %n solicitudes</numerusform>
        </translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Llamada telefónica</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Correo postal</translation>
    </message>
    <message>
        <source>No follow-up wanted</source>
        <translation>No desea seguimiento</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>C&amp;orreo electrónico:</translation>
    </message>
    <message>
        <source>Contact by:</source>
        <translation>Cómo contactarle:</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallerController</name>
    <message>
        <source>New caller: saved with the request.</source>
        <translation>Persona nueva: se guarda con la solicitud.</translation>
    </message>
    <message>
        <source>Returning caller: %1</source>
        <translation>Persona que ya ha llamado: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallerPanel</name>
    <message>
        <source>You asked</source>
        <translation>Usted preguntó</translation>
    </message>
    <message>
        <source>Where is it?</source>
        <translation>¿Dónde está?</translation>
    </message>
    <message>
        <source>What happened?</source>
        <translation>¿Qué pasó?</translation>
    </message>
    <message>
        <source>Who is calling, and how can we reach you?</source>
        <translation>¿Quién llama y cómo podemos comunicarnos con usted?</translation>
    </message>
    <message>
        <source>The form&apos;s next question</source>
        <translation>La siguiente pregunta del formulario</translation>
    </message>
    <message>
        <source>What is the request number?</source>
        <translation>¿Cuál es el número de la solicitud?</translation>
    </message>
    <message>
        <source>Your request number is %1.</source>
        <translation>Su número de solicitud es %1.</translation>
    </message>
    <message>
        <source>You said</source>
        <translation>Usted dijo</translation>
    </message>
    <message>
        <source>an anonymous caller</source>
        <translation>una persona anónima</translation>
    </message>
    <message>
        <source>&lt;b&gt;Practice caller:&lt;/b&gt; %1&lt;br&gt;%2 · language: %3 · target %4 s</source>
        <translation>&lt;b&gt;Llamada de práctica:&lt;/b&gt; %1&lt;br&gt;%2 · idioma: %3 · objetivo %4 s</translation>
    </message>
    <message>
        <source>Ask the caller with the keys below; the answers appear above, in the caller&apos;s language.</source>
        <translation>Pregunte con las teclas de abajo; las respuestas aparecen arriba, en el idioma de quien llama.</translation>
    </message>
    <message>
        <source>Where is it? (F5)</source>
        <translation>¿Dónde está? (F5)</translation>
    </message>
    <message>
        <source>What happened? (F6)</source>
        <translation>¿Qué pasó? (F6)</translation>
    </message>
    <message>
        <source>Who is calling? (F7)</source>
        <translation>¿Quién llama? (F7)</translation>
    </message>
    <message>
        <source>Next question (F8)</source>
        <translation>Siguiente pregunta (F8)</translation>
    </message>
    <message>
        <source>Request number? (F9)</source>
        <translation>¿Número de solicitud? (F9)</translation>
    </message>
    <message>
        <source>Read the number back (Shift+F9)</source>
        <translation>Leer el número (Mayús+F9)</translation>
    </message>
    <message>
        <source>What the caller said</source>
        <translation>Lo que dijo quien llama</translation>
    </message>
    <message>
        <source>Your trainer plays the caller: their lines appear here. Ask with the keys or type a question below (Enter sends it).</source>
        <translation>Su formador hace de quien llama: sus frases aparecen aquí. Pregunte con las teclas o escriba una pregunta abajo (Intro la envía).</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>Práctica</translation>
    </message>
    <message>
        <source>&lt;b&gt;Live caller (your trainer):&lt;/b&gt; %1&lt;br&gt;%2 · language: %3 · target %4 s</source>
        <translation>&lt;b&gt;Llamada en vivo (su formador):&lt;/b&gt; %1&lt;br&gt;%2 · idioma: %3 · objetivo %4 s</translation>
    </message>
    <message>
        <source>Ask the live caller</source>
        <translation>Preguntar a quien llama en vivo</translation>
    </message>
    <message>
        <source>Ask the caller in your own words (F4), Enter sends</source>
        <translation>Pregunte con sus propias palabras (F4); Intro envía</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallerVoice</name>
    <message>
        <source>The caller&apos;s lines are shown only, not spoken.</source>
        <translation>Las frases del llamante solo se muestran, no se leen en voz alta.</translation>
    </message>
    <message>
        <source>The caller&apos;s lines are spoken (speech engine &quot;%1&quot;).</source>
        <translation>Las frases del llamante se leen en voz alta (motor de voz «%1»).</translation>
    </message>
    <message>
        <source>No speech engine is installed (for example qt6-speech-flite-plugin): read the caller&apos;s lines in the panel.</source>
        <translation>No hay ningún motor de voz instalado (por ejemplo qt6-speech-flite-plugin): lea las frases del llamante en el panel.</translation>
    </message>
    <message>
        <source>The speech engine &quot;%1&quot; is not installed (there are: %2).</source>
        <translation>El motor de voz «%1» no está instalado (hay: %2).</translation>
    </message>
    <message>
        <source>The speech engine &quot;%1&quot; does not start (%2): read the caller&apos;s lines in the panel.</source>
        <translation>El motor de voz «%1» no arranca (%2): lea las frases del llamante en el panel.</translation>
    </message>
    <message>
        <source>This CivicDesk was built without speech (Qt TextToSpeech): read the caller&apos;s lines in the panel.</source>
        <translation>Este CivicDesk se compiló sin voz (Qt TextToSpeech): lea las frases del llamante en el panel.</translation>
    </message>
    <message>
        <source>The speech engine &quot;%1&quot; stopped (%2): read the caller&apos;s lines in the panel.</source>
        <translation>El motor de voz «%1» se detuvo (%2): lea las frases del llamante en el panel.</translation>
    </message>
    <message>
        <source>No installed speech engine has a voice in the caller&apos;s language (%1): read the caller&apos;s lines in the panel (for Spanish, install qt6-speech-speechd-plugin and speech-dispatcher-espeak-ng).</source>
        <translation>Ningún motor de voz instalado tiene voz en el idioma del llamante (%1): lea las frases del llamante en el panel (para español, instale qt6-speech-speechd-plugin y speech-dispatcher-espeak-ng).</translation>
    </message>
</context>
<context>
    <name>civicdesk::CentralLookupDialog</name>
    <message>
        <source>Find requests in the central store</source>
        <translation>Buscar solicitudes en el almacén central</translation>
    </message>
    <message>
        <source>Request number</source>
        <translation>Número de solicitud</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Fecha de apertura</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 solicitud</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 solicitudes</translation>
    </message>
    <message>
        <source>%1 from the central store.</source>
        <translation>%1 del almacén central.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ClusterMapFeed</name>
    <message numerus="yes">
        <source>%1: %n request(s) within %2 m since %3 (parent request %4)</source>
        <translation>
            <numerusform>%1: %n solicitud a menos de %2 m desde las %3 (solicitud principal %4)</numerusform>
            <numerusform>%1: %n solicitudes a menos de %2 m desde las %3 (solicitud principal %4)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::ClusterRuleHistory</name>
    <message>
        <source>Changes of the cluster rules, the latest first</source>
        <translation>Cambios de las reglas de focos, el más reciente primero</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Cambiada</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Rule for</source>
        <translation>Regla para</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) within %1 m in %2 h</source>
        <translation>
            <numerusform>%n solicitud a menos de %1 m en %2 h</numerusform>
            <numerusform>%n solicitudes a menos de %1 m en %2 h</numerusform>
        </translation>
    </message>
    <message>
        <source>Every other type (city-wide default)</source>
        <translation>Cualquier otro tipo (valor predeterminado de la ciudad)</translation>
    </message>
</context>
<context>
    <name>civicdesk::ClustersPanel</name>
    <message>
        <source>Clusters of requests</source>
        <translation>Focos de solicitudes</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Primera</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Última</translation>
    </message>
    <message>
        <source>Parent request</source>
        <translation>Solicitud principal</translation>
    </message>
    <message>
        <source>Requests of the selected cluster</source>
        <translation>Solicitudes del foco seleccionado</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Post a &amp;known issue…</source>
        <translation>Pub&amp;licar una incidencia conocida…</translation>
    </message>
    <message>
        <source>Post a known issue about the selected cluster</source>
        <translation>Publicar una incidencia conocida sobre el foco seleccionado</translation>
    </message>
    <message>
        <source>Rule for t&amp;ype:</source>
        <translation>Re&amp;gla para el tipo:</translation>
    </message>
    <message>
        <source>Cluster rule for</source>
        <translation>Regla de focos para</translation>
    </message>
    <message>
        <source>Requests that make a cluster</source>
        <translation>Solicitudes que forman un foco</translation>
    </message>
    <message>
        <source> requests</source>
        <translation> solicitudes</translation>
    </message>
    <message>
        <source>Within metres</source>
        <translation>A menos de metros</translation>
    </message>
    <message>
        <source>within </source>
        <translation>a menos de </translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>In the last hours</source>
        <translation>En las últimas horas</translation>
    </message>
    <message>
        <source>in </source>
        <translation>en </translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Sa&amp;ve rule</source>
        <translation>G&amp;uardar regla</translation>
    </message>
    <message>
        <source>Save the cluster rule</source>
        <translation>Guardar la regla de focos</translation>
    </message>
    <message>
        <source>Known issues in force</source>
        <translation>Incidencias conocidas vigentes</translation>
    </message>
    <message>
        <source>Known issue</source>
        <translation>Incidencia conocida</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Posted by</source>
        <translation>Publicada por</translation>
    </message>
    <message>
        <source>Withdraw the selected known issue</source>
        <translation>Retirar la incidencia conocida seleccionada</translation>
    </message>
    <message>
        <source>within %1 m of %2</source>
        <translation>a menos de %1 m de %2</translation>
    </message>
    <message>
        <source>No clusters: no type has enough open requests close together right now.</source>
        <translation>No hay focos: ningún tipo tiene ahora suficientes solicitudes abiertas cerca unas de otras.</translation>
    </message>
    <message numerus="yes">
        <source>%n cluster(s) of requests right now.</source>
        <translation>
            <numerusform>%n foco de solicitudes ahora mismo.</numerusform>
            <numerusform>%n focos de solicitudes ahora mismo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every other type (city-wide default)</source>
        <translation>Cualquier otro tipo (valor predeterminado de la ciudad)</translation>
    </message>
    <message>
        <source>%1 (parent)</source>
        <translation>%1 (principal)</translation>
    </message>
    <message>
        <source>Known issue posted: every agent sees it when they take this type in this area.</source>
        <translation>Incidencia conocida publicada: todos los agentes la verán al registrar este tipo en esta zona.</translation>
    </message>
    <message>
        <source>within %1 m of the parent request</source>
        <translation>a menos de %1 m de la solicitud principal</translation>
    </message>
    <message>
        <source>Known issue withdrawn: agents no longer see it.</source>
        <translation>Incidencia conocida retirada: los agentes ya no la ven.</translation>
    </message>
    <message>
        <source>Show the selected cluster on the map</source>
        <translation>Mostrar el foco seleccionado en el mapa</translation>
    </message>
    <message>
        <source>That cluster has ended: its requests were closed or grew older than the rule&apos;s window.</source>
        <translation>Ese foco ha terminado: sus solicitudes se cerraron o quedaron fuera de la ventana de la regla.</translation>
    </message>
    <message numerus="yes">
        <source>Saved for every workstation: %1 now makes a cluster with %n request(s) within %2 m in %3 h.</source>
        <translation>
            <numerusform>Guardado para todos los puestos: %1 forma ahora un foco con %n solicitud a menos de %2 m en %3 h.</numerusform>
            <numerusform>Guardado para todos los puestos: %1 forma ahora un foco con %n solicitudes a menos de %2 m en %3 h.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show on the ma&amp;p</source>
        <translation>Mostrar en el &amp;mapa</translation>
    </message>
    <message>
        <source>With&amp;draw the known issue</source>
        <translation>&amp;Retirar la incidencia conocida</translation>
    </message>
</context>
<context>
    <name>civicdesk::ContactBar</name>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Contact channel</source>
        <translation>Canal de contacto</translation>
    </message>
    <message>
        <source>Start contact (Ctrl+N)</source>
        <translation>Iniciar contacto (Ctrl+N)</translation>
    </message>
    <message>
        <source>End contact (Ctrl+E)</source>
        <translation>Terminar contacto (Ctrl+E)</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Answer the call</source>
        <translation>Contestar la llamada</translation>
    </message>
    <message>
        <source>Hang up the call</source>
        <translation>Colgar la llamada</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Presencial</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Mensaje de texto</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Correo postal</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>Transferir la llamada</translation>
    </message>
    <message>
        <source>Dial a number</source>
        <translation>Marcar un número</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Transferir…</translation>
    </message>
    <message>
        <source>Dial…</source>
        <translation>Marcar…</translation>
    </message>
</context>
<context>
    <name>civicdesk::ContactClock</name>
    <message>
        <source>Contact ended after %1:%2.</source>
        <translation>Contacto terminado tras %1:%2.</translation>
    </message>
    <message>
        <source>No contact running</source>
        <translation>Ningún contacto en curso</translation>
    </message>
    <message>
        <source>%1 contact · %2:%3</source>
        <translation>Contacto por %1 · %2:%3</translation>
    </message>
</context>
<context>
    <name>civicdesk::ContactFlow</name>
    <message>
        <source>A contact is already running; end it first (Ctrl+E).</source>
        <translation>Ya hay un contacto en curso; termínelo primero (Ctrl+E).</translation>
    </message>
    <message>
        <source>Choose how the contact ended (the Outcome list).</source>
        <translation>Elija cómo terminó el contacto (la lista Resultado).</translation>
    </message>
    <message>
        <source>Your work could not be kept as your draft: %1</source>
        <translation>No se pudo conservar su trabajo como su borrador: %1</translation>
    </message>
    <message>
        <source>Restored unsaved work from %1.</source>
        <translation>Se recuperó el trabajo sin guardar del %1</translation>
    </message>
    <message>
        <source>A phone call is on screen: answer it or let it go before you start the walk-in contact.</source>
        <translation>Hay una llamada telefónica en pantalla: atiéndala o déjela pasar antes de iniciar el contacto presencial.</translation>
    </message>
</context>
<context>
    <name>civicdesk::CounterPanel</name>
    <message>
        <source>Counter</source>
        <translation>Ventanilla</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Todas las categorías</translation>
    </message>
    <message>
        <source>(same category)</source>
        <translation>(la misma categoría)</translation>
    </message>
    <message>
        <source>Categories this counter serves</source>
        <translation>Categorías que atiende esta ventanilla</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>Necesidad</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Waiting visitors</source>
        <translation>Personas en espera</translation>
    </message>
    <message>
        <source>Parked visitors</source>
        <translation>Personas apartadas</translation>
    </message>
    <message>
        <source>Call next (F5)</source>
        <translation>Llamar al siguiente (F5)</translation>
    </message>
    <message>
        <source>Call chosen</source>
        <translation>Llamar al elegido</translation>
    </message>
    <message>
        <source>Recall (F6)</source>
        <translation>Volver a llamar (F6)</translation>
    </message>
    <message>
        <source>No-show (F7)</source>
        <translation>Ausente (F7)</translation>
    </message>
    <message>
        <source>Park (F8)</source>
        <translation>Apartar (F8)</translation>
    </message>
    <message>
        <source>Transfer (F9)</source>
        <translation>Transferir (F9)</translation>
    </message>
    <message>
        <source>Return to queue (F10)</source>
        <translation>Devolver a la fila (F10)</translation>
    </message>
    <message>
        <source>Walk-in contact (F11)</source>
        <translation>Contacto presencial (F11)</translation>
    </message>
    <message>
        <source>Finish visit (F12)</source>
        <translation>Terminar la visita (F12)</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>Motivo o nota</translation>
    </message>
    <message>
        <source>why out of order, a park note, a transfer reason</source>
        <translation>por qué fuera de orden, una nota al apartar, el motivo de una transferencia</translation>
    </message>
    <message>
        <source>Transfer to counter</source>
        <translation>Transferir a la ventanilla</translation>
    </message>
    <message>
        <source>Transfer to category</source>
        <translation>Transferir a la categoría</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Información proporcionada</translation>
    </message>
    <message>
        <source>Request created</source>
        <translation>Solicitud creada</translation>
    </message>
    <message>
        <source>Added to an existing request</source>
        <translation>Agregada a una solicitud existente</translation>
    </message>
    <message>
        <source>Referred to another agency</source>
        <translation>Derivada a otra agencia</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Queja</translation>
    </message>
    <message>
        <source>Visit outcome</source>
        <translation>Resultado de la visita</translation>
    </message>
    <message>
        <source>Visit notes</source>
        <translation>Notas de la visita</translation>
    </message>
    <message>
        <source>Visit card</source>
        <translation>Ficha de la visita</translation>
    </message>
    <message>
        <source>Counter message</source>
        <translation>Mensaje de la ventanilla</translation>
    </message>
    <message>
        <source>Ticket %1 called to counter %2.</source>
        <translation>Turno %1 llamado a la ventanilla %2.</translation>
    </message>
    <message>
        <source>Give this counter a name or number first.</source>
        <translation>Primero dé un nombre o número a esta ventanilla.</translation>
    </message>
    <message>
        <source>Choose a ticket in the waiting list first.</source>
        <translation>Primero elija un turno en la lista de espera.</translation>
    </message>
    <message>
        <source>Say why this ticket is called out of order (Reason or note).</source>
        <translation>Indique por qué se llama este turno fuera de orden (Motivo o nota).</translation>
    </message>
    <message>
        <source>Called again.</source>
        <translation>Llamado de nuevo.</translation>
    </message>
    <message>
        <source>Marked as a no-show.</source>
        <translation>Marcado como ausente.</translation>
    </message>
    <message>
        <source>Parked: call the next visitor meanwhile.</source>
        <translation>Apartado: mientras tanto, llame a la siguiente persona.</translation>
    </message>
    <message>
        <source>Transferred: the visitor keeps their place in the queue.</source>
        <translation>Transferido: la persona conserva su lugar en la fila.</translation>
    </message>
    <message>
        <source>Back in the queue.</source>
        <translation>De vuelta en la fila.</translation>
    </message>
    <message>
        <source>Call a visitor first: the walk-in contact belongs to the visit.</source>
        <translation>Primero llame a una persona: el contacto presencial pertenece a la visita.</translation>
    </message>
    <message>
        <source>No visitor is at this counter.</source>
        <translation>No hay ninguna persona en esta ventanilla.</translation>
    </message>
    <message>
        <source>Visit %1 finished.</source>
        <translation>Visita %1 terminada.</translation>
    </message>
    <message>
        <source>Receipt: %1</source>
        <translation>Comprobante: %1</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>No visitor at this counter. %n waiting.</source>
        <translation>
            <numerusform>No hay ninguna persona en esta ventanilla. %n en espera.</numerusform>
            <numerusform>No hay ninguna persona en esta ventanilla. %n en espera.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket %1 · %2 · %3</source>
        <translation>Turno %1 · %2 · %3</translation>
    </message>
    <message>
        <source>needs: %1</source>
        <translation>necesita: %1</translation>
    </message>
    <message>
        <source>Waited %1 min · at the counter %2 min · agent %3 · recalls %4</source>
        <translation>Esperó %1 min · en la ventanilla %2 min · agente %3 · nuevas llamadas %4</translation>
    </message>
    <message>
        <source>Walk-in contact started · requests: %1</source>
        <translation>Contacto presencial iniciado · solicitudes: %1</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguna todavía</translation>
    </message>
    <message>
        <source>Handout: %1</source>
        <translation>Hoja informativa: %1</translation>
    </message>
    <message>
        <source>Counter:</source>
        <translation>Ventanilla:</translation>
    </message>
    <message>
        <source>Serves:</source>
        <translation>Atiende:</translation>
    </message>
    <message>
        <source>W&amp;aiting (call next takes the first)</source>
        <translation>En esper&amp;a (llamar al siguiente toma el primero)</translation>
    </message>
    <message>
        <source>Parked at this counter (Enter returns to the queue)</source>
        <translation>Apartados en esta ventanilla (Intro los devuelve a la fila)</translation>
    </message>
    <message>
        <source>Rea&amp;son or note:</source>
        <translation>&amp;Motivo o nota:</translation>
    </message>
    <message>
        <source>Transfer to counter:</source>
        <translation>Transferir a la ventanilla:</translation>
    </message>
    <message>
        <source>or category:</source>
        <translation>o a la categoría:</translation>
    </message>
    <message>
        <source>Outco&amp;me:</source>
        <translation>Resulta&amp;do:</translation>
    </message>
    <message>
        <source>V&amp;isit notes:</source>
        <translation>Notas de &amp;la visita:</translation>
    </message>
    <message>
        <source>Articles opened: %1</source>
        <translation>Artículos abiertos: %1</translation>
    </message>
    <message>
        <source>Referred to: %1</source>
        <translation>Derivado a: %1</translation>
    </message>
    <message>
        <source>Check in a visitor (F4)</source>
        <translation>Registrar a un visitante (F4)</translation>
    </message>
    <message>
        <source>wheelchair or mobility</source>
        <translation>silla de ruedas o movilidad</translation>
    </message>
    <message>
        <source>low vision</source>
        <translation>baja visión</translation>
    </message>
    <message>
        <source>hearing</source>
        <translation>audición</translation>
    </message>
    <message>
        <source>other need</source>
        <translation>otra necesidad</translation>
    </message>
    <message>
        <source>mobility</source>
        <translation>movilidad</translation>
    </message>
    <message>
        <source>vision</source>
        <comment>accessibility need</comment>
        <translation>visión</translation>
    </message>
    <message>
        <source>hearing</source>
        <comment>accessibility need</comment>
        <translation>audición</translation>
    </message>
    <message>
        <source>other</source>
        <comment>accessibility need</comment>
        <translation>otra</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Espera</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Prevista</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Minutes waited since the ticket was taken</source>
        <translation>Minutos de espera desde que se sacó el turno</translation>
    </message>
    <message>
        <source>Expected minutes until this visitor is called</source>
        <translation>Minutos previstos hasta que se llame a esta persona</translation>
    </message>
</context>
<context>
    <name>civicdesk::DeliveryStateLabel</name>
    <message>
        <source>Saved on this workstation (1 change not yet in the central store)</source>
        <translation>Guardado en esta estación de trabajo (1 cambio aún no está en el almacén central)</translation>
    </message>
    <message>
        <source>Saved on this workstation (%1 changes not yet in the central store)</source>
        <translation>Guardado en esta estación de trabajo (%1 cambios aún no están en el almacén central)</translation>
    </message>
    <message>
        <source>In the central store</source>
        <translation>En el almacén central</translation>
    </message>
    <message>
        <source>Rejected by the central store: %1. Correct and resend it from Sync ▸ Refused changes.</source>
        <translation>Rechazado por el almacén central: %1. Corríjalo y vuelva a enviarlo desde Sincronización ▸ Cambios rechazados.</translation>
    </message>
    <message>
        <source>From the city&apos;s records</source>
        <translation>De los registros de la ciudad</translation>
    </message>
</context>
<context>
    <name>civicdesk::DisplayBoard</name>
    <message>
        <source>Display board</source>
        <translation>Pantalla de turnos</translation>
    </message>
    <message>
        <source>Lobby display board</source>
        <translation>Pantalla de turnos del vestíbulo</translation>
    </message>
    <message>
        <source>Now serving</source>
        <translation>Atendiendo</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Ventanilla</translation>
    </message>
    <message>
        <source>Called before</source>
        <translation>Llamados antes</translation>
    </message>
    <message>
        <source>Please take a ticket</source>
        <translation>Por favor, tome un turno</translation>
    </message>
    <message>
        <source>Ticket %1 to counter %2</source>
        <translation>Turno %1 a la ventanilla %2</translation>
    </message>
</context>
<context>
    <name>civicdesk::DraftKeeper</name>
    <message>
        <source>Your work could not be saved as a draft: %1</source>
        <translation>No se pudo guardar su trabajo como borrador: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::DrillDownDialog</name>
    <message>
        <source>What is behind %1</source>
        <translation>Lo que hay detrás de %1</translation>
    </message>
    <message>
        <source>Close the list</source>
        <translation>Cerrar la lista</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Handle time</source>
        <translation>Tiempo de atención</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Departamento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>The first %1 requests. Enter opens a request&apos;s detail and timeline.</source>
        <translation>Las primeras %1 solicitudes. Intro abre el detalle y la cronología de una solicitud.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s). Enter opens a request&apos;s detail and timeline.</source>
        <translation>
            <numerusform>%n solicitud. Intro abre el detalle y la cronología de una solicitud.</numerusform>
            <numerusform>%n solicitudes. Intro abre el detalle y la cronología de una solicitud.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Replay the intake</source>
        <translation>&amp;Reproducir la atención</translation>
    </message>
    <message>
        <source>Replay the selected contact&apos;s intake</source>
        <translation>Reproducir la atención del contacto seleccionado</translation>
    </message>
    <message>
        <source>The first %1 contacts. Enter opens the request a contact made or joined; R replays the intake.</source>
        <translation>Los primeros %1 contactos. Intro abre la solicitud que un contacto creó o a la que se sumó; R reproduce la atención.</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s). Enter opens the request a contact made or joined; R replays the intake.</source>
        <translation>
            <numerusform>%n contacto. Intro abre la solicitud que un contacto creó o a la que se sumó; R reproduce la atención.</numerusform>
            <numerusform>%n contactos. Intro abre la solicitud que un contacto creó o a la que se sumó; R reproduce la atención.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::EvaluationDialog</name>
    <message>
        <source>&amp;Submit the evaluation</source>
        <translation>&amp;Enviar la evaluación</translation>
    </message>
    <message>
        <source>Evaluate contact %1 (%2)</source>
        <translation>Evaluar el contacto %1 (%2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (weight %2)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (peso %2)</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>(sin responder)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>Comment on: %1</source>
        <translation>Comentario sobre: %1</translation>
    </message>
    <message>
        <source>Comment (required below %1)</source>
        <translation>Comentario (obligatorio por debajo de %1)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>%1 &lt;i&gt;(critical)&lt;/i&gt;</source>
        <translation>%1 &lt;i&gt;(crítica)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Overall comment for the agent</source>
        <translation>Comentario general para el agente</translation>
    </message>
    <message>
        <source>The contact&apos;s recorded steps</source>
        <translation>Los pasos registrados del contacto</translation>
    </message>
    <message>
        <source>No steps recorded for this contact.</source>
        <translation>No hay pasos registrados para este contacto.</translation>
    </message>
    <message>
        <source>Recorded steps</source>
        <translation>Pasos registrados</translation>
    </message>
    <message>
        <source>Submit the evaluation</source>
        <translation>Enviar la evaluación</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close without submitting</source>
        <translation>Cerrar sin enviar</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, versión %2</translation>
    </message>
    <message>
        <source>Overall &amp;comment:</source>
        <translation>&amp;Comentario general:</translation>
    </message>
    <message>
        <source>Score: 0 (a critical item failed; %1 otherwise)</source>
        <translation>Puntuación: 0 (falló un punto crítico; %1 sin él)</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>Puntuación: %1</translation>
    </message>
    <message>
        <source>Score: not complete</source>
        <translation>Puntuación: incompleta</translation>
    </message>
</context>
<context>
    <name>civicdesk::EvaluationFollowUpDialog</name>
    <message>
        <source>Agent:</source>
        <translation>Agente:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Contacto:</translation>
    </message>
    <message>
        <source>Reviewer:</source>
        <translation>Evaluador:</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>Formulario:</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, versión %2</translation>
    </message>
    <message>
        <source>Submitted:</source>
        <translation>Enviada:</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>Puntuación:</translation>
    </message>
    <message>
        <source>0 (a critical item failed)</source>
        <translation>0 (falló un punto crítico)</translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment:</source>
        <translation>Comentario del evaluador:</translation>
    </message>
    <message>
        <source>Agent&apos;s answer:</source>
        <translation>Respuesta del agente:</translation>
    </message>
    <message>
        <source>none yet (due by %1)</source>
        <translation>ninguna todavía (plazo hasta el %1)</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>confirmada</translation>
    </message>
    <message>
        <source>acknowledged: %1</source>
        <translation>confirmada: %1</translation>
    </message>
    <message>
        <source>disputed: %1</source>
        <translation>impugnada: %1</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Decisión:</translation>
    </message>
    <message>
        <source>rescored to %1: %2</source>
        <translation>puntuada de nuevo con %1: %2</translation>
    </message>
    <message>
        <source>upheld: %1</source>
        <translation>mantenida: %1</translation>
    </message>
    <message>
        <source>waiting for a supervisor</source>
        <translation>a la espera de un supervisor</translation>
    </message>
    <message>
        <source>Coaching note:</source>
        <translation>Nota de orientación:</translation>
    </message>
    <message>
        <source>&amp;Uphold the score</source>
        <translation>&amp;Mantener la puntuación</translation>
    </message>
    <message>
        <source>&amp;Rescore</source>
        <translation>&amp;Puntuar de nuevo</translation>
    </message>
    <message>
        <source>Add a &amp;coaching note</source>
        <translation>Añadir una nota de &amp;orientación</translation>
    </message>
    <message>
        <source>Evaluation: dispute and coaching</source>
        <translation>Evaluación: impugnación y orientación</translation>
    </message>
    <message>
        <source>The decision&apos;s reason, or the coaching note</source>
        <translation>El motivo de la decisión, o la nota de orientación</translation>
    </message>
    <message>
        <source>New score, 0 to 100</source>
        <translation>Nueva puntuación, de 0 a 100</translation>
    </message>
    <message>
        <source>Uphold the disputed score</source>
        <translation>Mantener la puntuación impugnada</translation>
    </message>
    <message>
        <source>Replace the disputed score with the new score</source>
        <translation>Sustituir la puntuación impugnada por la nueva</translation>
    </message>
    <message>
        <source>Add the note as a coaching note</source>
        <translation>Añadir la nota como nota de orientación</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>New &amp;score:</source>
        <translation>Nueva p&amp;untuación:</translation>
    </message>
    <message>
        <source>This store holds no such evaluation.</source>
        <translation>Este almacén no tiene esa evaluación.</translation>
    </message>
    <message>
        <source>Upheld: the agent sees the decision.</source>
        <translation>Mantenida: el agente ve la decisión.</translation>
    </message>
    <message>
        <source>Rescored: the agent sees the new score.</source>
        <translation>Puntuada de nuevo: el agente ve la nueva puntuación.</translation>
    </message>
    <message>
        <source>Write the coaching note in Note (Alt+N) first.</source>
        <translation>Escriba primero la nota de orientación en Nota (Alt+N).</translation>
    </message>
    <message>
        <source>Coaching note added: the agent sees it with the evaluation.</source>
        <translation>Nota de orientación añadida: el agente la ve con la evaluación.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ExportActions</name>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Include the callers&apos; names, phones and emails</source>
        <translation>Incluir el nombre, el teléfono y el correo de quienes llamaron</translation>
    </message>
    <message>
        <source>Monthly &amp;report (PDF)…</source>
        <translation>&amp;Informe mensual (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Contacts as CSV…</source>
        <translation>&amp;Contactos como CSV…</translation>
    </message>
    <message>
        <source>&amp;Requests as CSV…</source>
        <translation>&amp;Solicitudes como CSV…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Nothing exported: %1</source>
        <translation>No se exportó nada: %1</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Exportar contactos</translation>
    </message>
    <message>
        <source>Export requests</source>
        <translation>Exportar solicitudes</translation>
    </message>
    <message>
        <source>Save the monthly report</source>
        <translation>Guardar el informe mensual</translation>
    </message>
    <message>
        <source>The report of %1 is in %2</source>
        <translation>El informe de %1 está en %2</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to %1</source>
        <translation>
            <numerusform>%n fila exportada a %1</numerusform>
            <numerusform>%n filas exportadas a %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Lobby visits as CSV…</source>
        <translation>&amp;Visitas presenciales como CSV…</translation>
    </message>
    <message>
        <source>Export lobby visits</source>
        <translation>Exportar las visitas presenciales</translation>
    </message>
    <message>
        <source>Export the period&apos;s contacts, requests, lobby visits or evaluations as CSV</source>
        <translation>Exportar como CSV los contactos, las solicitudes, las visitas presenciales o las evaluaciones del periodo</translation>
    </message>
    <message>
        <source>&amp;Evaluations as CSV…</source>
        <translation>&amp;Evaluaciones como CSV…</translation>
    </message>
    <message>
        <source>Export evaluations</source>
        <translation>Exportar las evaluaciones</translation>
    </message>
</context>
<context>
    <name>civicdesk::FiguresTree</name>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>All contacts</source>
        <translation>Todos los contactos</translation>
    </message>
    <message>
        <source>Channel: %1</source>
        <translation>Canal: %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Resultado: %1</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>aún en curso</translation>
    </message>
    <message>
        <source>Hour %1:00–%2:00</source>
        <translation>Hora %1:00–%2:00</translation>
    </message>
    <message>
        <source>Handling (ended contacts)</source>
        <translation>Atención (contactos terminados)</translation>
    </message>
    <message>
        <source>Ended contacts</source>
        <translation>Contactos terminados</translation>
    </message>
    <message>
        <source>Average handle time (minutes:seconds)</source>
        <translation>Tiempo medio de atención (minutos:segundos)</translation>
    </message>
    <message>
        <source>Transfer rate</source>
        <translation>Tasa de transferencia</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Información dada</translation>
    </message>
    <message>
        <source>Request created or joined</source>
        <translation>Solicitud creada o unida</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>Resolución en el primer contacto</translation>
    </message>
    <message>
        <source>Resolved at first contact</source>
        <translation>Resuelto en el primer contacto</translation>
    </message>
    <message>
        <source>Contacts counted</source>
        <translation>Contactos contados</translation>
    </message>
    <message>
        <source>Caller came back within %1 days</source>
        <translation>El llamante volvió en menos de %1 días</translation>
    </message>
    <message>
        <source>Requests opened</source>
        <translation>Solicitudes abiertas en el periodo</translation>
    </message>
    <message>
        <source>All requests opened</source>
        <translation>Todas las solicitudes abiertas en el periodo</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Service-request SLA</source>
        <translation>SLA de las solicitudes de servicio</translation>
    </message>
    <message>
        <source>SLA met (closed in the period on time)</source>
        <translation>SLA cumplido (cerradas en el periodo a tiempo)</translation>
    </message>
    <message>
        <source>Closed after the due time</source>
        <translation>Cerradas después del vencimiento</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>Abiertas ahora</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Vencidas ahora</translation>
    </message>
    <message numerus="yes">
        <source>Due within %n hour(s)</source>
        <translation>
            <numerusform>Vencen en %n hora</numerusform>
            <numerusform>Vencen en %n horas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::FormEditorDialog</name>
    <message numerus="yes">
        <source>%1 (weight %2, %n questions)</source>
        <translation>
            <numerusform>%1 (peso %2, %n pregunta)</numerusform>
            <numerusform>%1 (peso %2, %n preguntas)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (critical)</source>
        <translation>%1 (crítica)</translation>
    </message>
    <message>
        <source>%1 (when %2 = %3)</source>
        <translation>%1 (cuando %2 = %3)</translation>
    </message>
    <message>
        <source>Edit the evaluation form: %1</source>
        <translation>Editar el formulario de evaluación: %1</translation>
    </message>
    <message>
        <source>Form title</source>
        <translation>Título del formulario</translation>
    </message>
    <message>
        <source>An overall comment is required below this score (0: never)</source>
        <translation>Se exige un comentario general por debajo de esta puntuación (0: nunca)</translation>
    </message>
    <message>
        <source>Sections of the form</source>
        <translation>Secciones del formulario</translation>
    </message>
    <message>
        <source>Section title</source>
        <translation>Título de la sección</translation>
    </message>
    <message>
        <source>Section weight</source>
        <translation>Peso de la sección</translation>
    </message>
    <message>
        <source>Add a &amp;section</source>
        <translation>Añadir una &amp;sección</translation>
    </message>
    <message>
        <source>Add a section</source>
        <translation>Añadir una sección</translation>
    </message>
    <message>
        <source>Remo&amp;ve the section</source>
        <translation>&amp;Quitar la sección</translation>
    </message>
    <message>
        <source>Remove the selected section</source>
        <translation>Quitar la sección seleccionada</translation>
    </message>
    <message>
        <source>Questions of the section</source>
        <translation>Preguntas de la sección</translation>
    </message>
    <message>
        <source>Question text</source>
        <translation>Texto de la pregunta</translation>
    </message>
    <message>
        <source>Answered with</source>
        <translation>Se responde con</translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation>Sí o no</translation>
    </message>
    <message>
        <source>A scale from 1</source>
        <translation>Una escala desde 1</translation>
    </message>
    <message>
        <source>Scale up to</source>
        <translation>Escala hasta</translation>
    </message>
    <message>
        <source>N/&amp;A allowed (left out of the score)</source>
        <translation>Se admite N/&amp;A (queda fuera de la puntuación)</translation>
    </message>
    <message>
        <source>N/A allowed</source>
        <translation>Se admite N/A</translation>
    </message>
    <message>
        <source>&amp;Critical: a no fails the whole evaluation</source>
        <translation>&amp;Crítica: un no suspende toda la evaluación</translation>
    </message>
    <message>
        <source>Critical question</source>
        <translation>Pregunta crítica</translation>
    </message>
    <message>
        <source>A comment is required for an answer below this (yes 1, no 0; 0: never)</source>
        <translation>Se exige un comentario para una respuesta por debajo de esto (sí 1, no 0; 0: nunca)</translation>
    </message>
    <message>
        <source>Asked only when this earlier question</source>
        <translation>Se pregunta solo cuando esta pregunta anterior</translation>
    </message>
    <message>
        <source>has this answer (yes 1, no 0, or the scale value)</source>
        <translation>tiene esta respuesta (sí 1, no 0, o el valor de la escala)</translation>
    </message>
    <message>
        <source>A&amp;dd a question</source>
        <translation>Añadir una p&amp;regunta</translation>
    </message>
    <message>
        <source>Add a question to the section</source>
        <translation>Añadir una pregunta a la sección</translation>
    </message>
    <message>
        <source>Re&amp;move the question</source>
        <translation>Eli&amp;minar la pregunta</translation>
    </message>
    <message>
        <source>Remove the selected question</source>
        <translation>Eliminar la pregunta seleccionada</translation>
    </message>
    <message>
        <source>&amp;Publish a new version</source>
        <translation>Publicar una nue&amp;va versión</translation>
    </message>
    <message>
        <source>Publish the form as a new version</source>
        <translation>Publicar el formulario como una nueva versión</translation>
    </message>
    <message>
        <source>Close the form editor</source>
        <translation>Cerrar el editor de formularios</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>Overall comment &amp;below score:</source>
        <translation>Comentario general &amp;bajo la puntuación:</translation>
    </message>
    <message>
        <source>Section tit&amp;le:</source>
        <translation>Títu&amp;lo de la sección:</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>&amp;Peso:</translation>
    </message>
    <message>
        <source>Sectio&amp;ns:</source>
        <translation>Secci&amp;ones:</translation>
    </message>
    <message>
        <source>Question te&amp;xt:</source>
        <translation>Te&amp;xto de la pregunta:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;ipo:</translation>
    </message>
    <message>
        <source>Scale &amp;up to:</source>
        <translation>&amp;Escala hasta:</translation>
    </message>
    <message>
        <source>Comment &amp;required below:</source>
        <translation>Come&amp;ntario exigido por debajo de:</translation>
    </message>
    <message>
        <source>&amp;equals</source>
        <translation>ig&amp;ual a</translation>
    </message>
    <message>
        <source>Asked &amp;only when:</source>
        <translation>Se pregunta solo cuan&amp;do:</translation>
    </message>
    <message>
        <source>&amp;Questions of the section:</source>
        <translation>Pre&amp;guntas de la sección:</translation>
    </message>
    <message>
        <source>(always asked)</source>
        <translation>(siempre se pregunta)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>New section</source>
        <translation>Nueva sección</translation>
    </message>
    <message>
        <source>Section added: give it a title and a weight, then its questions.</source>
        <translation>Sección añadida: dele un título y un peso, y después sus preguntas.</translation>
    </message>
    <message>
        <source>Section removed.</source>
        <translation>Sección quitada.</translation>
    </message>
    <message>
        <source>New question</source>
        <translation>Nueva pregunta</translation>
    </message>
    <message>
        <source>Question added: write its text and how it is answered.</source>
        <translation>Pregunta añadida: escriba su texto y cómo se responde.</translation>
    </message>
    <message>
        <source>Question removed.</source>
        <translation>Pregunta eliminada.</translation>
    </message>
    <message>
        <source>Published &quot;%1&quot; as version %2; evaluations scored before keep theirs.</source>
        <translation>Publicado «%1» como versión %2; las evaluaciones puntuadas antes conservan la suya.</translation>
    </message>
</context>
<context>
    <name>civicdesk::GreeterDialog</name>
    <message>
        <source>Check in a visitor</source>
        <translation>Registrar a un visitante</translation>
    </message>
    <message>
        <source>Reason for the visit</source>
        <translation>Motivo de la visita</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Visitor&apos;s language</source>
        <translation>Idioma del visitante</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Wheelchair or mobility</source>
        <translation>Silla de ruedas o movilidad</translation>
    </message>
    <message>
        <source>Low vision</source>
        <translation>Baja visión</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>Audición</translation>
    </message>
    <message>
        <source>Other need</source>
        <translation>Otra necesidad</translation>
    </message>
    <message>
        <source>Accessibility need (called first)</source>
        <translation>Necesidad de accesibilidad (se llama primero)</translation>
    </message>
    <message>
        <source>Visitor&apos;s name (optional, never on the board)</source>
        <translation>Nombre del visitante (opcional, nunca en la pantalla)</translation>
    </message>
    <message>
        <source>&amp;Give the ticket</source>
        <translation>&amp;Dar el turno</translation>
    </message>
    <message>
        <source>Give the ticket</source>
        <translation>Dar el turno</translation>
    </message>
    <message>
        <source>Ticket given</source>
        <translation>Turno dado</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Accessibility need:</source>
        <translation>Necesidad de &amp;accesibilidad:</translation>
    </message>
    <message>
        <source>&amp;Name (optional):</source>
        <translation>&amp;Nombre (opcional):</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Close the check-in</source>
        <translation>Cerrar el registro</translation>
    </message>
    <message numerus="yes">
        <source>Ticket %1: %n ahead, about %2 minutes.</source>
        <translation>
            <numerusform>Turno %1: %n persona delante, unos %2 minutos.</numerusform>
            <numerusform>Turno %1: %n personas delante, unos %2 minutos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Slip: %1</source>
        <translation>Papeleta: %1</translation>
    </message>
    <message>
        <source>The slip could not be printed (%1): tell the visitor the number.</source>
        <translation>No se pudo imprimir la papeleta (%1): dígale el número al visitante.</translation>
    </message>
    <message numerus="yes">
        <source>Ticket %1: %n ahead, called shortly.</source>
        <translation>
            <numerusform>Turno %1: %n persona delante; le llamarán en breve.</numerusform>
            <numerusform>Turno %1: %n personas delante; le llamarán en breve.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::Handout</name>
    <message>
        <source>Information from your visit</source>
        <translation>Información de su visita</translation>
    </message>
    <message>
        <source>Ticket %1 · counter %2 · %3</source>
        <translation>Turno %1 · ventanilla %2 · %3</translation>
    </message>
    <message>
        <source>More questions?</source>
        <translation>¿Más preguntas?</translation>
    </message>
    <message>
        <source>Call %1.</source>
        <translation>Llame al %1.</translation>
    </message>
    <message>
        <source>Online: %1</source>
        <translation>En línea: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::HiddenColumnsProxy</name>
    <message>
        <source>%1: %2</source>
        <comment>a column&apos;s title: the row&apos;s value in it</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>civicdesk::HistoryEntryModel</name>
    <message>
        <source>Contact: %1</source>
        <translation>Contacto: %1</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>%1 (same address)</source>
        <translation>%1 (misma dirección)</translation>
    </message>
    <message>
        <source>%1 (%2 m away)</source>
        <translation>%1 (a %2 m)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
</context>
<context>
    <name>civicdesk::HistoryPanel</name>
    <message>
        <source>Request number, address or type</source>
        <translation>Número de solicitud, dirección o tipo</translation>
    </message>
    <message>
        <source>Find requests</source>
        <translation>Buscar solicitudes</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtro de estado</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>%1 requests (%2 loaded)</source>
        <translation>%1 solicitudes (%2 cargadas)</translation>
    </message>
    <message>
        <source>&amp;My contacts (%1)</source>
        <translation>&amp;Mis contactos (%1)</translation>
    </message>
    <message>
        <source>No caller yet: find or enter the caller in intake, and their past contacts and requests show here.</source>
        <translation>Todavía no hay una persona que llama: búsquela o regístrela en admisión y aquí aparecerán sus contactos y solicitudes anteriores.</translation>
    </message>
    <message>
        <source>The caller&apos;s past contacts and requests, newest first.</source>
        <translation>Contactos y solicitudes anteriores de la persona que llama, primero los más recientes.</translation>
    </message>
    <message>
        <source>No location yet: as intake finds the address, the requests there and nearby show here.</source>
        <translation>Todavía no hay ubicación: cuando admisión encuentre la dirección, aquí aparecerán las solicitudes en ese lugar y cerca de él.</translation>
    </message>
    <message>
        <source>Requests at %1 first, then within %2 m; open before closed, newest first.</source>
        <translation>Primero las solicitudes en %1, luego las que están a menos de %2 m; las abiertas antes que las cerradas, primero las más recientes.</translation>
    </message>
    <message>
        <source>this point</source>
        <translation>este punto</translation>
    </message>
    <message>
        <source>Your recent contacts (%1), newest first.</source>
        <translation>Sus contactos recientes (%1), primero los más recientes.</translation>
    </message>
    <message>
        <source>Call&amp;backs (%1 due)</source>
        <translation>&amp;Devoluciones (%1 pendientes)</translation>
    </message>
    <message numerus="yes">
        <source>%n more from the central store.</source>
        <translation>
            <numerusform>%n solicitud más del almacén central.</numerusform>
            <numerusform>%n solicitudes más del almacén central.</numerusform>
        </translation>
    </message>
    <message>
        <source>The central store has nothing more.</source>
        <translation>El almacén central no tiene nada más.</translation>
    </message>
    <message>
        <source>History views</source>
        <translation>Vistas del historial</translation>
    </message>
    <message>
        <source>C&amp;aller (%1)</source>
        <translation>Persona que &amp;llama (%1)</translation>
    </message>
    <message>
        <source>Locat&amp;ion (%1)</source>
        <translation>Ubic&amp;ación (%1)</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Bús&amp;queda</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Buscar:</translation>
    </message>
</context>
<context>
    <name>civicdesk::HistorySearchView</name>
    <message>
        <source>Caller&apos;s phone</source>
        <translation>Teléfono de la persona que llama</translation>
    </message>
    <message>
        <source>Type name or code</source>
        <translation>Nombre o código del tipo</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>La búsqueda falló: %1</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Teléfono:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Opened from:</source>
        <translation>Abierta desde:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>hasta:</translation>
    </message>
</context>
<context>
    <name>civicdesk::HotSpotPanel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(no neighbourhood)</source>
        <translation>(sin vecindario)</translation>
    </message>
    <message>
        <source>All request types</source>
        <translation>Todos los tipos de solicitud</translation>
    </message>
    <message>
        <source>%1 request types</source>
        <translation>%1 tipos de solicitud</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>%1, %2: %3 requests in %4 cells of %5 m.</source>
        <translation>%1, %2: %3 solicitudes en %4 celdas de %5 m.</translation>
    </message>
    <message>
        <source>Tick the types to count; none ticked counts every type.</source>
        <translation>Marque los tipos que desea contar; si no marca ninguno, se cuentan todos.</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>Neighbourhood</source>
        <translation>Vecindario</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Proporción</translation>
    </message>
    <message>
        <source>Requests per neighbourhood</source>
        <translation>Solicitudes por vecindario</translation>
    </message>
    <message>
        <source>Request types:</source>
        <translation>Tipos de solicitud:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Hasta:</translation>
    </message>
    <message>
        <source>Cell size:</source>
        <translation>Tamaño de celda:</translation>
    </message>
    <message>
        <source>Show hot spots</source>
        <translation>Mostrar zonas críticas</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
</context>
<context>
    <name>civicdesk::ImportDialog</name>
    <message>
        <source>Loading %1</source>
        <translation>Cargando %1</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Paso %1 de %2: %3</translation>
    </message>
</context>
<context>
    <name>civicdesk::IntakePanel</name>
    <message>
        <source>The request type %1 is not in the catalogue.</source>
        <translation>El tipo de solicitud %1 no está en el catálogo.</translation>
    </message>
    <message>
        <source>This step of the contact could not be recorded: %1</source>
        <translation>No se pudo registrar este paso del contacto: %1</translation>
    </message>
    <message>
        <source>The call ended: choose the outcome and finish the contact.</source>
        <translation>La llamada terminó: elija el resultado y finalice el contacto.</translation>
    </message>
</context>
<context>
    <name>civicdesk::KioskWindow</name>
    <message>
        <source>What is your visit about?</source>
        <translation>¿Cuál es el motivo de su visita?</translation>
    </message>
    <message>
        <source>Do you need assistance?</source>
        <translation>¿Necesita asistencia?</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Wheelchair or mobility</source>
        <translation>Silla de ruedas o movilidad</translation>
    </message>
    <message>
        <source>Low vision</source>
        <translation>Baja visión</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>Audición</translation>
    </message>
    <message>
        <source>Other need</source>
        <translation>Otra necesidad</translation>
    </message>
    <message>
        <source>Your name (optional, never shown on the screen)</source>
        <translation>Su nombre (opcional, nunca se muestra en la pantalla)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <source>Get my ticket</source>
        <translation>Obtener mi turno</translation>
    </message>
    <message>
        <source>Your ticket number</source>
        <translation>Su número de turno</translation>
    </message>
    <message>
        <source>People ahead of you: %1. Expected wait: about %2 minutes.
Watch the screen for your number.</source>
        <translation>Personas delante de usted: %1. Espera prevista: unos %2 minutos.
Esté atento a su número en la pantalla.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Tomar turno</translation>
    </message>
    <message>
        <source>Welcome to %1</source>
        <translation>Bienvenido a %1</translation>
    </message>
    <message>
        <source>The ticket could not be printed: please remember your number.</source>
        <translation>No se pudo imprimir el turno: recuerde su número, por favor.</translation>
    </message>
    <message>
        <source>People ahead of you: %1. You will be called shortly.
Watch the screen for your number.</source>
        <translation>Personas delante de usted: %1. Le llamarán en breve.
Esté atento a su número en la pantalla.</translation>
    </message>
    <message>
        <source>Choose your language</source>
        <translation>Elija su idioma</translation>
    </message>
    <message>
        <source>Your name can be at most 100 characters: please shorten it.</source>
        <translation>Su nombre puede tener como máximo 100 caracteres: acórtelo, por favor.</translation>
    </message>
    <message>
        <source>No ticket number is free just now: please try again, or ask at the desk.</source>
        <translation>Ahora no hay ningún número de turno libre: inténtelo de nuevo o pregunte en el mostrador.</translation>
    </message>
    <message>
        <source>Your ticket could not be issued: please try again, or ask at the desk for help.</source>
        <translation>No se pudo emitir su turno: inténtelo de nuevo o pida ayuda en el mostrador.</translation>
    </message>
</context>
<context>
    <name>civicdesk::KnowledgePanel</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n artículo</numerusform>
            <numerusform>%n artículos</numerusform>
        </translation>
    </message>
    <message>
        <source>What is the caller asking about?</source>
        <translation>¿Sobre qué pregunta la persona que llama?</translation>
    </message>
    <message>
        <source>Search the knowledge base</source>
        <translation>Buscar en la base de conocimiento</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Artículos</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Read to the caller:</source>
        <translation>Lea a la persona que llama:</translation>
    </message>
    <message>
        <source>Keywords:</source>
        <translation>Palabras clave:</translation>
    </message>
    <message>
        <source>Start this request (Ctrl+Shift+S)</source>
        <translation>Iniciar esta solicitud (Ctrl+Mayús+S)</translation>
    </message>
    <message>
        <source>Transfer:</source>
        <translation>Transferir a:</translation>
    </message>
    <message>
        <source>Review due: %1</source>
        <translation>Revisión pendiente: %1</translation>
    </message>
    <message>
        <source>Changed since you last read it.</source>
        <translation>Cambió desde su última lectura.</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <source>Title: %1</source>
        <translation>Título: %1</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>Idioma: %1</translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation>Departamento: %1</translation>
    </message>
    <message>
        <source>Request types: %1</source>
        <translation>Tipos de solicitud: %1</translation>
    </message>
    <message>
        <source>Keywords: %1</source>
        <translation>Palabras clave: %1</translation>
    </message>
    <message>
        <source>Transfer: %1 %2 %3</source>
        <translation>Transferir a: %1 %2 %3</translation>
    </message>
    <message>
        <source>Script: %1</source>
        <translation>Guion: %1</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>Todos los idiomas</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Todos los departamentos</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicados</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Borradores</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivados</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Departamento</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <source>Not yet in effect</source>
        <translation>Aún no vigente</translation>
    </message>
    <message>
        <source>Expired on %1: agents no longer find this article.</source>
        <translation>Caducó el %1: los agentes ya no encuentran este artículo.</translation>
    </message>
    <message>
        <source>In effect from %1: agents do not find this article before then.</source>
        <translation>Vigente desde el %1: los agentes no encuentran este artículo antes de esa fecha.</translation>
    </message>
    <message>
        <source>Expires today: check the information before reading it out.</source>
        <translation>Caduca hoy: verifique la información antes de leerla en voz alta.</translation>
    </message>
    <message numerus="yes">
        <source>Expires in %n day(s), on %1: check the information before reading it out.</source>
        <translation>
            <numerusform>Caduca en %n día, el %1: verifique la información antes de leerla en voz alta.</numerusform>
            <numerusform>Caduca en %n días, el %1: verifique la información antes de leerla en voz alta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search all languages and departments (Ctrl+Shift+A)</source>
        <translation>Buscar en todos los idiomas y departamentos (Ctrl+Mayús+A)</translation>
    </message>
    <message>
        <source>Search all languages and departments</source>
        <translation>Buscar en todos los idiomas y departamentos</translation>
    </message>
    <message>
        <source>No good match</source>
        <translation>No hay una buena coincidencia</translation>
    </message>
    <message>
        <source>No good match: no article holds these words.</source>
        <translation>No hay una buena coincidencia: ningún artículo contiene estas palabras.</translation>
    </message>
    <message>
        <source>No good match: none of these articles answers all of what is typed. The closest are listed as suggestions.</source>
        <translation>No hay una buena coincidencia: ninguno de estos artículos responde a todo lo escrito. Los más cercanos aparecen como sugerencias.</translation>
    </message>
    <message>
        <source>Search the knowledge base:</source>
        <translation>Buscar en la base de conocimiento:</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>Nuevo artículo</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Review due</source>
        <translation>Pendientes de revisión</translation>
    </message>
</context>
<context>
    <name>civicdesk::KnowledgeUsageDialog</name>
    <message>
        <source>Article</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Information calls</source>
        <translation>Llamadas de información</translation>
    </message>
    <message>
        <source>Searched for</source>
        <translation>Búsqueda</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Última</translation>
    </message>
    <message>
        <source>Knowledge usage: answers and gaps</source>
        <translation>Uso de la base de conocimiento: respuestas y vacíos</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>Últimos 365 días</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Answers that closed information calls</source>
        <translation>Respuestas que cerraron llamadas de información</translation>
    </message>
    <message>
        <source>Searches nothing answered</source>
        <translation>Búsquedas sin respuesta</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Período:</translation>
    </message>
    <message>
        <source>&amp;Answers that closed information calls (contacts that ended &quot;information given&quot; with the article opened):</source>
        <translation>&amp;Respuestas que cerraron llamadas de información (contactos que terminaron con &quot;Información proporcionada&quot; y el artículo abierto):</translation>
    </message>
    <message>
        <source>&amp;Searches nothing answered (&quot;No good match&quot; during a contact) — the articles to write next:</source>
        <translation>&amp;Búsquedas sin respuesta (&quot;No hay una buena coincidencia&quot; durante un contacto): los artículos que conviene escribir:</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
</context>
<context>
    <name>civicdesk::KnownIssueBanner</name>
    <message>
        <source>Known issue</source>
        <translation>Incidencia conocida</translation>
    </message>
    <message>
        <source>Attach the caller to the known issue&apos;s request (Ctrl+K)</source>
        <translation>Añadir a quien llama a la solicitud de la incidencia (Ctrl+K)</translation>
    </message>
    <message>
        <source>Attach the caller to the known issue&apos;s request</source>
        <translation>Añadir a quien llama a la solicitud de la incidencia conocida</translation>
    </message>
    <message>
        <source>Known issue: %1 · request %2 · until %3</source>
        <translation>Incidencia conocida: %1 · solicitud %2 · hasta las %3</translation>
    </message>
    <message>
        <source>Say to the caller: “%1”</source>
        <translation>Diga a quien llama: «%1»</translation>
    </message>
</context>
<context>
    <name>civicdesk::KnownIssueDialog</name>
    <message>
        <source>Post a known issue</source>
        <translation>Publicar una incidencia conocida</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n request(s) within %2 m of %3 since %4 · callers are attached to request %5</source>
        <translation>
            <numerusform>%1 · %n solicitud a menos de %2 m de %3 desde las %4 · quienes llaman se añaden a la solicitud %5</numerusform>
            <numerusform>%1 · %n solicitudes a menos de %2 m de %3 desde las %4 · quienes llaman se añaden a la solicitud %5</numerusform>
        </translation>
    </message>
    <message>
        <source>What agents should know</source>
        <translation>Lo que deben saber los agentes</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) of %1 near %2 since %3. Attach new callers to request %4.</source>
        <translation>
            <numerusform>%n aviso de %1 cerca de %2 desde las %3: añada a quienes llamen a la solicitud %4.</numerusform>
            <numerusform>%n avisos de %1 cerca de %2 desde las %3: añada a quienes llamen a la solicitud %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>Script for callers</source>
        <translation>Guion para quienes llaman</translation>
    </message>
    <message>
        <source>We already know about this problem near %1 and the crew has been told. I will add you to request %2 so you hear when it is fixed.</source>
        <translation>Ya conocemos este problema cerca de %1 y el equipo está avisado. Lo añado a la solicitud %2 para que sepa cuándo se resuelva.</translation>
    </message>
    <message>
        <source>Expires in hours</source>
        <translation>Caduca en horas</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>What agents should &amp;know:</source>
        <translation>Lo que deben &amp;saber los agentes:</translation>
    </message>
    <message>
        <source>&amp;Script for callers:</source>
        <translation>&amp;Guion para quienes llaman:</translation>
    </message>
    <message>
        <source>E&amp;xpires in:</source>
        <translation>Ca&amp;duca en:</translation>
    </message>
    <message>
        <source>&amp;Post to every agent</source>
        <translation>&amp;Publicar para todos los agentes</translation>
    </message>
    <message>
        <source>Post the known issue</source>
        <translation>Publicar la incidencia conocida</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>civicdesk::LayerListModel</name>
    <message>
        <source>Layer</source>
        <translation>Capa</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Elementos</translation>
    </message>
    <message>
        <source>Extent (lat, lon)</source>
        <translation>Extensión (lat, lon)</translation>
    </message>
</context>
<context>
    <name>civicdesk::LiveTrainerWindow</name>
    <message>
        <source>Caller (you)</source>
        <translation>Quien llama (usted)</translation>
    </message>
    <message>
        <source>%1 asks</source>
        <translation>%1 pregunta</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>Práctica</translation>
    </message>
    <message>
        <source>%1 joined; say the caller&apos;s opening line.</source>
        <translation>%1 se unió; diga la frase inicial de quien llama.</translation>
    </message>
    <message>
        <source>The live call has ended.</source>
        <translation>La llamada en vivo ha terminado.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Opening: %1</source>
        <translation>Frase inicial: %1</translation>
    </message>
    <message>
        <source>Where (F5): %1</source>
        <translation>Dónde (F5): %1</translation>
    </message>
    <message>
        <source>What happened (F6): %1</source>
        <translation>Qué pasó (F6): %1</translation>
    </message>
    <message>
        <source>Who is calling (F7): %1</source>
        <translation>Quién llama (F7): %1</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anónima</translation>
    </message>
    <message>
        <source>Answer (F8): %1</source>
        <translation>Respuesta (F8): %1</translation>
    </message>
    <message>
        <source>PRACTICE — live call: %1</source>
        <translation>PRÁCTICA — llamada en vivo: %1</translation>
    </message>
    <message>
        <source>Join code: %1</source>
        <translation>Código para unirse: %1</translation>
    </message>
    <message>
        <source>The live call has ended; close this window.</source>
        <translation>La llamada en vivo ha terminado; cierre esta ventana.</translation>
    </message>
    <message>
        <source>Waiting for the trainee: on their workstation, Practice ▸ Join a trainer&apos;s live call (Ctrl+Alt+J), then this code.</source>
        <translation>Esperando a la persona en formación: en su estación de trabajo, Práctica ▸ Unirse a la llamada en vivo de un formador (Ctrl+Alt+J) y después este código.</translation>
    </message>
    <message>
        <source>%1 takes the call. Type what the caller says and press Enter.</source>
        <translation>%1 atiende la llamada. Escriba lo que dice quien llama y pulse Intro.</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Transcripción</translation>
    </message>
    <message>
        <source>Transcript of the live call</source>
        <translation>Transcripción de la llamada en vivo</translation>
    </message>
    <message>
        <source>&amp;Say as the caller:</source>
        <translation>&amp;Hablar como quien llama:</translation>
    </message>
    <message>
        <source>Say as the caller</source>
        <translation>Hablar como quien llama</translation>
    </message>
    <message>
        <source>Sa&amp;y</source>
        <translation>&amp;Decir</translation>
    </message>
    <message>
        <source>Say the line</source>
        <translation>Decir la frase</translation>
    </message>
    <message>
        <source>Scenario s&amp;cript</source>
        <translation>&amp;Guion del escenario</translation>
    </message>
    <message>
        <source>Scenario script</source>
        <translation>Guion del escenario</translation>
    </message>
    <message>
        <source>Trainee&apos;s &amp;intake (read only)</source>
        <translation>&amp;Admisión de la persona en formación (solo lectura)</translation>
    </message>
    <message>
        <source>Trainee&apos;s intake, read only</source>
        <translation>Admisión de la persona en formación, solo lectura</translation>
    </message>
    <message>
        <source>&amp;End the call (Ctrl+E)</source>
        <translation>&amp;Finalizar la llamada (Ctrl+E)</translation>
    </message>
    <message>
        <source>End the live call</source>
        <translation>Finalizar la llamada en vivo</translation>
    </message>
</context>
<context>
    <name>civicdesk::LobbyFiguresPanel</name>
    <message>
        <source>served</source>
        <translation>atendida</translation>
    </message>
    <message>
        <source>served: %1</source>
        <translation>atendida: %1</translation>
    </message>
    <message>
        <source>no-show</source>
        <translation>ausente</translation>
    </message>
    <message>
        <source>at the counter</source>
        <translation>en la ventanilla</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>apartada</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>Visitors: tickets issued in the period (the city&apos;s local days). Wait: from the arrival to the first call. Service: from the call to the end of a served visit. 90%: nine visits in ten took at most this long. A counter counts the visits it called last; a category, the visit&apos;s category now. Minutes:seconds.</source>
        <translation>Visitantes: turnos emitidos en el periodo (días locales de la ciudad). Espera: desde la llegada hasta la primera llamada. Atención: desde la llamada hasta el final de una visita atendida. 90 %: nueve de cada diez visitas no duraron más que esto. Una ventanilla cuenta las visitas que llamó por última vez; una categoría, la categoría actual de la visita. Minutos:segundos.</translation>
    </message>
    <message>
        <source>Lobby figures; Enter lists the visits behind one</source>
        <translation>Cifras de la sala de espera; Intro muestra las visitas detrás de una</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>Visitantes</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Atendidas</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Ausentes</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Espera media</translation>
    </message>
    <message>
        <source>90% wait</source>
        <translation>Espera (90 %)</translation>
    </message>
    <message>
        <source>Average service</source>
        <translation>Atención media</translation>
    </message>
    <message>
        <source>90% service</source>
        <translation>Atención (90 %)</translation>
    </message>
    <message>
        <source>Lobby visits</source>
        <translation>Visitas presenciales</translation>
    </message>
    <message>
        <source>All visits</source>
        <translation>Todas las visitas</translation>
    </message>
    <message>
        <source>Called to a counter</source>
        <translation>Llamadas a una ventanilla</translation>
    </message>
    <message>
        <source>Not finished (waiting, at a counter or parked)</source>
        <translation>Sin terminar (en espera, en una ventanilla o apartadas)</translation>
    </message>
    <message numerus="yes">
        <source>Visitors per hour (hours with arrivals: %n)</source>
        <translation>
            <numerusform>Visitantes por hora (horas con llegadas: %n)</numerusform>
            <numerusform>Visitantes por hora (horas con llegadas: %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Arrivals by hour</source>
        <translation>Llegadas por hora</translation>
    </message>
    <message>
        <source>%1:00–%2:00</source>
        <translation>%1:00–%2:00</translation>
    </message>
    <message>
        <source>Counter %1</source>
        <translation>Ventanilla %1</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>Por categoría</translation>
    </message>
    <message>
        <source>By counter</source>
        <translation>Por ventanilla</translation>
    </message>
    <message>
        <source>Visits: %1</source>
        <translation>Visitas: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s), in arrival order</source>
        <translation>
            <numerusform>%n visita, por orden de llegada</numerusform>
            <numerusform>%n visitas, por orden de llegada</numerusform>
        </translation>
    </message>
    <message>
        <source>The visits behind %1</source>
        <translation>Las visitas detrás de %1</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Llegada</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Ventanilla</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Espera</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Atención</translation>
    </message>
    <message>
        <source>Recalls</source>
        <translation>Nuevas llamadas</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Close the list</source>
        <translation>Cerrar la lista</translation>
    </message>
</context>
<context>
    <name>civicdesk::LocationBox</name>
    <message>
        <source>Address or intersection, e.g. 1 City Hall Plaza, or Mass Ave and Boylston</source>
        <translation>Dirección o intersección, p. ej. 1 City Hall Plaza, o Mass Ave and Boylston</translation>
    </message>
    <message>
        <source>Location address</source>
        <translation>Dirección de la ubicación</translation>
    </message>
    <message>
        <source>Matching addresses</source>
        <translation>Direcciones coincidentes</translation>
    </message>
    <message>
        <source>No street address: describe a landmark</source>
        <translation>Sin dirección: describa un punto de referencia</translation>
    </message>
    <message>
        <source>e.g. the bench by the Frog Pond on Boston Common</source>
        <translation>p. ej. la banca junto al Frog Pond en Boston Common</translation>
    </message>
    <message>
        <source>Landmark</source>
        <translation>Punto de referencia</translation>
    </message>
    <message>
        <source>&lt;b&gt;Outside the city.&lt;/b&gt; Refer the caller to &lt;b&gt;%1&lt;/b&gt;: %2 %3&lt;br&gt;%4</source>
        <translation>&lt;b&gt;Fuera de la ciudad.&lt;/b&gt; Derive a la persona a &lt;b&gt;%1&lt;/b&gt;: %2 %3&lt;br&gt;%4</translation>
    </message>
    <message>
        <source>Pick an address from the list (Enter picks the first).</source>
        <translation>Elija una dirección de la lista (Intro elige la primera).</translation>
    </message>
    <message>
        <source>Ward %1</source>
        <translation>Distrito electoral %1</translation>
    </message>
    <message>
        <source>Precinct %1</source>
        <translation>Precinto %1</translation>
    </message>
    <message>
        <source>✔ %1 — %2</source>
        <translation>✔ %1 — %2</translation>
    </message>
    <message>
        <source>district unknown</source>
        <translation>distrito desconocido</translation>
    </message>
    <message>
        <source>&lt;b&gt;Outside the city.&lt;/b&gt; This place is beyond the city&apos;s boundary and no referral is known for it: no request can be taken here.</source>
        <translation>&lt;b&gt;Fuera de la ciudad.&lt;/b&gt; Este lugar está fuera del límite de la ciudad y no se conoce a quién remitir: aquí no se puede tomar una solicitud.</translation>
    </message>
</context>
<context>
    <name>civicdesk::LoginDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>Trabajar sin &amp;conexión</translation>
    </message>
    <message>
        <source>Sign in to the central store</source>
        <translation>Iniciar sesión en el almacén central</translation>
    </message>
    <message>
        <source>Sign in to sync with %1.</source>
        <translation>Inicie sesión para sincronizar con %1.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Servidor: %1</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Escriba su nombre de usuario y su contraseña.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
</context>
<context>
    <name>civicdesk::MainWindow</name>
    <message>
        <source>Intake</source>
        <translation>Admisión</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>Base de conocimiento</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>Arc&amp;hivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Go to &amp;Intake</source>
        <translation>Ir a &amp;Admisión</translation>
    </message>
    <message>
        <source>Go to &amp;Knowledge</source>
        <translation>Ir a &amp;Base de conocimiento</translation>
    </message>
    <message>
        <source>Go to &amp;Map</source>
        <translation>Ir a &amp;Mapa</translation>
    </message>
    <message>
        <source>Go to &amp;History</source>
        <translation>Ir a &amp;Historial</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Paneles</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Restablecer diseño</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>A&amp;tajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About CivicDesk</source>
        <translation>&amp;Acerca de CivicDesk</translation>
    </message>
    <message>
        <source>Move through the list while typing</source>
        <translation>Desplazarse por la lista mientras escribe</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Campo siguiente</translation>
    </message>
    <message>
        <source>Standalone: working on this workstation&apos;s store (no server configured)</source>
        <translation>Modo independiente: almacén local de este puesto (sin servidor configurado)</translation>
    </message>
    <message>
        <source>Store: %1 · %2 requests</source>
        <translation>Almacén local: %1 · %2 solicitudes</translation>
    </message>
    <message>
        <source>About CivicDesk</source>
        <translation>Acerca de CivicDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CivicDesk %1&lt;/h3&gt;&lt;p&gt;The 311 contact-center workstation: intake, knowledge, map and history in one window.&lt;/p&gt;&lt;p&gt;Demo city data: City of Boston (ODC-PDDL and CC0). See ATTRIBUTION.md in the city pack.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CivicDesk %1&lt;/h3&gt;&lt;p&gt;La estación de trabajo del centro de atención 311: admisión de llamadas, base de conocimiento, mapa e historial en una sola ventana.&lt;/p&gt;&lt;p&gt;Datos de la ciudad de demostración: City of Boston (ODC-PDDL y CC0). Consulte ATTRIBUTION.md en el paquete de ciudad.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Agent: %1 (not signed in)</source>
        <translation>Agente: %1 (sin iniciar sesión)</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Contacto</translation>
    </message>
    <message>
        <source>&amp;Start contact</source>
        <translation>&amp;Iniciar contacto</translation>
    </message>
    <message>
        <source>&amp;End contact</source>
        <translation>&amp;Terminar contacto</translation>
    </message>
    <message>
        <source>Submit the request</source>
        <translation>Enviar la solicitud</translation>
    </message>
    <message>
        <source>Attach the caller to the selected nearby request</source>
        <translation>Agregar a la persona a la solicitud cercana seleccionada</translation>
    </message>
    <message>
        <source>Point picked on the map (%1, %2)</source>
        <translation>Punto elegido en el mapa (%1, %2)</translation>
    </message>
    <message>
        <source>&amp;Knowledge</source>
        <translation>&amp;Base de conocimiento</translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation>&amp;Nuevo artículo</translation>
    </message>
    <message>
        <source>&amp;Edit article</source>
        <translation>&amp;Editar artículo</translation>
    </message>
    <message>
        <source>Article &amp;history</source>
        <translation>&amp;Historial del artículo</translation>
    </message>
    <message>
        <source>&amp;Review due</source>
        <translation>&amp;Pendientes de revisión</translation>
    </message>
    <message>
        <source>Status read-&amp;back</source>
        <translation>&amp;Lectura del estado</translation>
    </message>
    <message>
        <source>Quit CivicDesk</source>
        <translation>Salir de CivicDesk</translation>
    </message>
    <message>
        <source>A contact or an unsubmitted request is still open. Keep it as a draft (it comes back when CivicDesk starts again), discard it, or go back to it?</source>
        <translation>Todavía hay un contacto o una solicitud sin enviar abiertos. ¿Conservarlos como borrador (vuelven al iniciar CivicDesk de nuevo), descartarlos o volver a ellos?</translation>
    </message>
    <message>
        <source>&amp;Keep as draft</source>
        <translation>&amp;Conservar como borrador</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Volver</translation>
    </message>
    <message>
        <source>&amp;Usage: answers and gaps</source>
        <translation>&amp;Uso: respuestas y vacíos</translation>
    </message>
    <message>
        <source>Supervisor &amp;workspace</source>
        <translation>&amp;Espacio de supervisión</translation>
    </message>
    <message>
        <source>A supervisor has been asked to come to you.</source>
        <translation>Se ha pedido a un supervisor que acuda a su puesto.</translation>
    </message>
    <message>
        <source>Ask a supervisor for &amp;help</source>
        <translation>Pedir &amp;ayuda a un supervisor</translation>
    </message>
    <message>
        <source>P&amp;ractice</source>
        <translation>&amp;Práctica</translation>
    </message>
    <message>
        <source>&amp;Start a practice call…</source>
        <translation>&amp;Iniciar una llamada de práctica…</translation>
    </message>
    <message>
        <source>Answer the ringing call</source>
        <translation>Contestar la llamada que suena</translation>
    </message>
    <message>
        <source>Hang up the call</source>
        <translation>Colgar la llamada</translation>
    </message>
    <message>
        <source>PRACTICE — nothing here reaches residents</source>
        <translation>PRÁCTICA — nada de esto llega a los residentes</translation>
    </message>
    <message>
        <source>Go to the &amp;lobby counter</source>
        <translation>Ir a la ventanilla del &amp;vestíbulo</translation>
    </message>
    <message>
        <source>Lobby counter</source>
        <translation>Ventanilla del vestíbulo</translation>
    </message>
    <message>
        <source>My &amp;quality reviews</source>
        <translation>Mis e&amp;valuaciones de calidad</translation>
    </message>
    <message>
        <source>Trainee &amp;report…</source>
        <translation>&amp;Informe de formación…</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>Transferir la llamada</translation>
    </message>
    <message>
        <source>Dial a number</source>
        <translation>Marcar un número</translation>
    </message>
    <message>
        <source>&amp;Write a practice scenario…</source>
        <translation>&amp;Escribir un escenario de práctica…</translation>
    </message>
    <message>
        <source>S&amp;upervisor</source>
        <translation>&amp;Supervisión</translation>
    </message>
    <message>
        <source>S&amp;witch agent…</source>
        <translation>Ca&amp;mbiar de agente…</translation>
    </message>
    <message>
        <source>Agent: %1 · %2</source>
        <translation>Agente: %1 · %2</translation>
    </message>
    <message>
        <source>Play the &amp;caller live…</source>
        <translation>Hacer de quien &amp;llama en vivo…</translation>
    </message>
    <message>
        <source>&amp;Join a trainer&apos;s live call…</source>
        <translation>&amp;Unirse a la llamada en vivo de un formador…</translation>
    </message>
    <message>
        <source>My &amp;figures</source>
        <translation>Mis &amp;cifras</translation>
    </message>
</context>
<context>
    <name>civicdesk::MapOverviewPanel</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — map centre %2&lt;br&gt;%3 address points · %4 intersections · %5 map layers</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — centro del mapa %2&lt;br&gt;%3 puntos de dirección · %4 intersecciones · %5 capas del mapa</translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation>Capas del mapa</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) on the map</source>
        <translation>
            <numerusform>%Ln solicitud en el mapa</numerusform>
            <numerusform>%Ln solicitudes en el mapa</numerusform>
        </translation>
    </message>
    <message>
        <source>Map data: City of %1</source>
        <translation>Datos del mapa: Ciudad de %1</translation>
    </message>
    <message>
        <source>Tiles: %1</source>
        <translation>Teselas: %1</translation>
    </message>
    <message>
        <source>City map</source>
        <translation>Mapa de la ciudad</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Hot spots</source>
        <translation>Zonas críticas</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 solicitudes</translation>
    </message>
    <message>
        <source>Location being entered</source>
        <translation>Ubicación que se está registrando</translation>
    </message>
    <message>
        <source>No address point near here</source>
        <translation>No hay un punto de dirección cerca de aquí</translation>
    </message>
    <message>
        <source>This request has no location to show on the map.</source>
        <translation>Esta solicitud no tiene una ubicación que mostrar en el mapa.</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Seleccionada: %1</translation>
    </message>
    <message>
        <source>Being entered: %1</source>
        <translation>En registro: %1</translation>
    </message>
    <message>
        <source>Possible duplicate: %1</source>
        <translation>Posible duplicado: %1</translation>
    </message>
    <message>
        <source>Ward %1</source>
        <translation>Distrito electoral %1</translation>
    </message>
    <message>
        <source>Precinct %1</source>
        <translation>Precinto %1</translation>
    </message>
    <message>
        <source>Picked: %1 (%2), %3 m from the point chosen</source>
        <translation>Elegido: %1 (%2), a %3 m del punto indicado</translation>
    </message>
    <message>
        <source>No address point near the place picked (%1, %2).</source>
        <translation>No hay un punto de dirección cerca del lugar elegido (%1, %2).</translation>
    </message>
    <message>
        <source>That is not a tile server address: it must start with https:// and contain {z}, {x} and {y}.</source>
        <translation>Esa no es la dirección de un servidor de teselas: debe empezar con https:// y contener {z}, {x} y {y}.</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Todos los departamentos</translation>
    </message>
    <message>
        <source>Moves the keyboard into the map: arrow keys move the crosshair (Shift for bigger steps), Enter picks the nearest address, + and - zoom. Clicking the map picks too.</source>
        <translation>Lleva el teclado al mapa: las flechas mueven la cruz (Mayús para pasos más grandes), Intro elige la dirección más cercana, + y - cambian el zoom. También puede hacer clic en el mapa.</translation>
    </message>
    <message>
        <source>Map views</source>
        <translation>Vistas del mapa</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Departamento:</translation>
    </message>
    <message>
        <source>Opened from:</source>
        <translation>Abierta desde:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>hasta:</translation>
    </message>
    <message>
        <source>Pick on map</source>
        <translation>Elegir en el mapa</translation>
    </message>
    <message>
        <source>Tile server (optional, for cities that run one): an address with {z}, {x} and {y}. Leave empty to draw the map from the city&apos;s own layers, with nothing fetched from the network.</source>
        <translation>Servidor de teselas (opcional, para ciudades que tienen uno): una dirección con {z}, {x} y {y}. Déjelo vacío para dibujar el mapa con las capas propias de la ciudad, sin descargar nada de la red.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>The requests could not be read for the map: %1</source>
        <translation>No se pudieron leer las solicitudes para el mapa: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::MapView</name>
    <message>
        <source>Loading the map…</source>
        <translation>Cargando el mapa…</translation>
    </message>
    <message>
        <source>The map page does not match this version of CivicDesk (%1). Reinstall CivicDesk.</source>
        <translation>La página del mapa no corresponde a esta versión de CivicDesk (%1). Reinstale CivicDesk.</translation>
    </message>
    <message>
        <source>The map cannot start while CivicDesk runs as the administrator (root). Run CivicDesk as a normal user, or set QTWEBENGINE_DISABLE_SANDBOX=1. Everything on the map is also available in the intake and history panels.</source>
        <translation>El mapa no puede iniciarse mientras CivicDesk se ejecuta como administrador (root). Ejecute CivicDesk como usuario normal o defina QTWEBENGINE_DISABLE_SANDBOX=1. Todo lo que muestra el mapa también está disponible en los paneles de admisión e historial.</translation>
    </message>
    <message>
        <source>City map</source>
        <translation>Mapa de la ciudad</translation>
    </message>
    <message>
        <source>Requests, the location being entered and duplicates on a map of the city. Arrow keys move a crosshair, Enter picks the nearest address, plus and minus zoom.</source>
        <translation>Solicitudes, la ubicación que se está registrando y los duplicados en un mapa de la ciudad. Las flechas mueven una cruz, Intro elige la dirección más cercana, más y menos cambian el zoom.</translation>
    </message>
    <message>
        <source>Everything on the map is also available in the intake and history panels.</source>
        <translation>Todo lo que muestra el mapa también está disponible en los paneles de admisión e historial.</translation>
    </message>
</context>
<context>
    <name>civicdesk::MyEvaluationsDialog</name>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation>&amp;Confirmar</translation>
    </message>
    <message>
        <source>&amp;Dispute</source>
        <translation>&amp;Impugnar</translation>
    </message>
    <message>
        <source>My quality reviews</source>
        <translation>Mis evaluaciones de calidad</translation>
    </message>
    <message>
        <source>My evaluations</source>
        <translation>Mis evaluaciones</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Evaluador</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>Responder antes del</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Note, or the reason for a dispute</source>
        <translation>Nota, o el motivo de una impugnación</translation>
    </message>
    <message>
        <source>Acknowledge the selected evaluation</source>
        <translation>Confirmar la evaluación seleccionada</translation>
    </message>
    <message>
        <source>Dispute the selected evaluation</source>
        <translation>Impugnar la evaluación seleccionada</translation>
    </message>
    <message>
        <source>&amp;Note or reason:</source>
        <translation>&amp;Nota o motivo:</translation>
    </message>
    <message>
        <source>waiting for you</source>
        <translation>pendiente de usted</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>confirmada</translation>
    </message>
    <message>
        <source>disputed: a supervisor decides</source>
        <translation>impugnada: decide un supervisor</translation>
    </message>
    <message>
        <source>rescored: %1</source>
        <translation>puntuada de nuevo: %1</translation>
    </message>
    <message>
        <source>upheld: %1</source>
        <translation>mantenida: %1</translation>
    </message>
    <message>
        <source>0 (a critical item failed)</source>
        <translation>0 (falló un punto crítico)</translation>
    </message>
    <message>
        <source>You have no evaluations yet.</source>
        <translation>Todavía no tiene evaluaciones.</translation>
    </message>
    <message>
        <source>Choose an evaluation first.</source>
        <translation>Elija primero una evaluación.</translation>
    </message>
    <message>
        <source>Disputed: a supervisor will decide.</source>
        <translation>Impugnada: un supervisor decidirá.</translation>
    </message>
    <message>
        <source>Acknowledged.</source>
        <translation>Confirmada.</translation>
    </message>
</context>
<context>
    <name>civicdesk::MyFiguresDialog</name>
    <message>
        <source>My figures — %1</source>
        <translation>Mis cifras — %1</translation>
    </message>
    <message>
        <source>Your figures; Enter lists what is behind one</source>
        <translation>Sus cifras; Intro lista lo que hay detrás de una</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Hasta:</translation>
    </message>
</context>
<context>
    <name>civicdesk::PhoneFiguresPanel</name>
    <message>
        <source>Load the inter&amp;val report…</source>
        <translation>Cargar el informe por intervalos…</translation>
    </message>
    <message>
        <source>Phone system figures by queue</source>
        <translation>Cifras de la centralita por cola</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Ofrecidas</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Atendidas</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonadas</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Nivel de servicio</translation>
    </message>
    <message>
        <source>Abandon rate</source>
        <translation>Tasa de abandono</translation>
    </message>
    <message>
        <source>Average speed of answer</source>
        <translation>Velocidad media de respuesta</translation>
    </message>
    <message>
        <source>Load the phone system&apos;s interval report (CSV)</source>
        <translation>Cargar el informe por intervalos de la centralita (CSV)</translation>
    </message>
    <message>
        <source>The phone system&apos;s interval report</source>
        <translation>El informe por intervalos de la centralita</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Todas las colas</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n interval(s) of %1.</source>
        <translation>
            <numerusform>Se importó %n intervalo de %1.</numerusform>
            <numerusform>Se importaron %n intervalos de %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::PracticeChannel</name>
    <message>
        <source>The central store cannot be reached: %1</source>
        <translation>No se puede contactar con el almacén central: %1</translation>
    </message>
    <message>
        <source>The central store refused (HTTP %1).</source>
        <translation>El almacén central lo rechazó (HTTP %1).</translation>
    </message>
    <message>
        <source>The practice call&apos;s answer could not be read (%1).</source>
        <translation>No se pudo leer la respuesta de la llamada de práctica (%1).</translation>
    </message>
</context>
<context>
    <name>civicdesk::PracticeMode</name>
    <message>
        <source>holds no practice scenarios (*.json)</source>
        <translation>no contiene escenarios de práctica (*.json)</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>Práctica</translation>
    </message>
    <message>
        <source>There is no practice scenario &quot;%1&quot;.</source>
        <translation>No hay ningún escenario de práctica «%1».</translation>
    </message>
    <message>
        <source>No folder for the practice store: %1</source>
        <translation>No hay carpeta para el almacén de práctica: %1</translation>
    </message>
    <message>
        <source>The practice store could not be made: %1</source>
        <translation>No se pudo crear el almacén de práctica: %1</translation>
    </message>
    <message>
        <source>The scenario&apos;s requests could not be made: %1</source>
        <translation>No se pudieron crear las solicitudes del escenario: %1</translation>
    </message>
    <message>
        <source>PRACTICE — %1</source>
        <translation>PRÁCTICA — %1</translation>
    </message>
    <message>
        <source>PRACTICE — nothing here reaches residents · %1</source>
        <translation>PRÁCTICA — nada de esto llega a los residentes · %1</translation>
    </message>
    <message>
        <source>Caller (practice)</source>
        <translation>Quien llama (práctica)</translation>
    </message>
    <message>
        <source>P&amp;ractice run</source>
        <translation>Llamada de &amp;práctica</translation>
    </message>
    <message>
        <source>&amp;Score this call</source>
        <translation>&amp;Evaluar esta llamada</translation>
    </message>
    <message>
        <source>&amp;Leave practice</source>
        <translation>&amp;Salir de la práctica</translation>
    </message>
    <message>
        <source>The run was scored but not kept: %1</source>
        <translation>La práctica se puntuó pero no se guardó: %1</translation>
    </message>
    <message>
        <source>Trainee report</source>
        <translation>Informe de formación</translation>
    </message>
    <message>
        <source>This workstation keeps no training record.</source>
        <translation>Esta estación de trabajo no guarda registro de formación.</translation>
    </message>
    <message>
        <source>Practice scenarios are written by trainers and admins; this workstation works as %1. Ask a trainer for a new scenario, or practise with the ones listed (Ctrl+Alt+P).</source>
        <translation>Los escenarios de práctica los escriben los formadores y los administradores; este puesto trabaja como %1. Pida un escenario nuevo a un formador o practique con los de la lista (Ctrl+Alt+P).</translation>
    </message>
    <message>
        <source>Practice scenarios</source>
        <translation>Escenarios de práctica</translation>
    </message>
    <message>
        <source>Practice scenario &quot;%1&quot; saved in %2; it is in the practice list.</source>
        <translation>Escenario de práctica «%1» guardado en %2; ya está en la lista de práctica.</translation>
    </message>
    <message>
        <source>Practice scenario &quot;%1&quot; deleted; it is no longer in the practice list.</source>
        <translation>Escenario de práctica &quot;%1&quot; eliminado; ya no está en la lista de práctica.</translation>
    </message>
    <message>
        <source>Live practice call</source>
        <translation>Llamada de práctica en vivo</translation>
    </message>
    <message>
        <source>Live practice calls are opened by trainers and admins; this workstation works as %1. To take a live call from a trainer, choose Practice ▸ Join a trainer&apos;s live call (Ctrl+Alt+J).</source>
        <translation>Las llamadas de práctica en vivo las abren los formadores y los administradores; esta estación de trabajo trabaja como %1. Para atender una llamada en vivo de un formador, elija Práctica ▸ Unirse a la llamada en vivo de un formador (Ctrl+Alt+J).</translation>
    </message>
    <message>
        <source>A live practice call goes through the central store: start CivicDesk with a server and sign in. Without one, practise with the scripted caller (Ctrl+Alt+P).</source>
        <translation>Una llamada de práctica en vivo pasa por el almacén central: inicie CivicDesk con un servidor e inicie sesión. Sin él, practique con la llamada guionizada (Ctrl+Alt+P).</translation>
    </message>
    <message>
        <source>Play the caller live: choose the scenario</source>
        <translation>Hacer de quien llama en vivo: elija el escenario</translation>
    </message>
    <message>
        <source>A live practice call goes through the central store; this workstation has none.</source>
        <translation>Una llamada de práctica en vivo pasa por el almacén central; esta estación de trabajo no tiene ninguno.</translation>
    </message>
    <message>
        <source>A live practice call is open already; end it first (Ctrl+E).</source>
        <translation>Ya hay una llamada de práctica en vivo abierta; termínela primero (Ctrl+E).</translation>
    </message>
    <message>
        <source>The live practice call could not be opened: %1</source>
        <translation>No se pudo abrir la llamada de práctica en vivo: %1</translation>
    </message>
    <message>
        <source>Join a trainer&apos;s live call</source>
        <translation>Unirse a la llamada en vivo de un formador</translation>
    </message>
    <message>
        <source>The &amp;join code on the trainer&apos;s screen:</source>
        <translation>El &amp;código que aparece en la pantalla del formador:</translation>
    </message>
    <message>
        <source>You are in a live practice call already; leave it first (Ctrl+Alt+X).</source>
        <translation>Ya está en una llamada de práctica en vivo; salga primero (Ctrl+Alt+X).</translation>
    </message>
    <message>
        <source>Could not join the live call: %1</source>
        <translation>No se pudo unir a la llamada en vivo: %1</translation>
    </message>
    <message>
        <source>The trainer chose a scenario this workstation cannot run: %1</source>
        <translation>El formador eligió un escenario que esta estación de trabajo no puede ejecutar: %1</translation>
    </message>
    <message>
        <source>PRACTICE — live call with %1 — %2</source>
        <translation>PRÁCTICA — llamada en vivo con %1 — %2</translation>
    </message>
    <message>
        <source>The live call has ended; score it (Ctrl+Alt+S) or leave practice (Ctrl+Alt+X).</source>
        <translation>La llamada en vivo ha terminado; puntúela (Ctrl+Alt+S) o salga de la práctica (Ctrl+Alt+X).</translation>
    </message>
    <message>
        <source>Caller&apos;s &amp;voice (speak the caller&apos;s lines)</source>
        <translation>&amp;Voz del llamante (leer en voz alta sus frases)</translation>
    </message>
    <message>
        <source>The shared practice scenarios could not be updated (%1); the copies on this workstation are listed.</source>
        <translation>No se pudieron actualizar los escenarios de práctica compartidos (%1); se muestran las copias de este puesto.</translation>
    </message>
    <message>
        <source>Practice runs not sent to the central store yet (%1); they are kept on this workstation and sent later.</source>
        <translation>Prácticas aún no enviadas al almacén central (%1); se guardan en este puesto y se enviarán más tarde.</translation>
    </message>
    <message>
        <source>The class&apos;s practice runs could not be read from the central store (%1); the report shows the runs on this workstation.</source>
        <translation>No se pudieron leer las prácticas del grupo en el almacén central (%1); el informe muestra las prácticas de este puesto.</translation>
    </message>
</context>
<context>
    <name>civicdesk::PracticePhone</name>
    <message>
        <source>the practice phone (no real line)</source>
        <translation>el teléfono de práctica (sin línea real)</translation>
    </message>
    <message>
        <source>practice</source>
        <translation>práctica</translation>
    </message>
    <message>
        <source>The practice phone does not call out.</source>
        <translation>El teléfono de práctica no hace llamadas.</translation>
    </message>
</context>
<context>
    <name>civicdesk::PracticeResultDialog</name>
    <message>
        <source>Contact started (%1)</source>
        <translation>Contacto iniciado (%1)</translation>
    </message>
    <message>
        <source>Type chosen: %1</source>
        <translation>Tipo elegido: %1</translation>
    </message>
    <message>
        <source>Type changed from %1 to %2</source>
        <translation>Tipo cambiado de %1 a %2</translation>
    </message>
    <message>
        <source>Answer %1: %2</source>
        <translation>Respuesta %1: %2</translation>
    </message>
    <message>
        <source>Answer %1 corrected from %2 to %3</source>
        <translation>Respuesta %1 corregida de %2 a %3</translation>
    </message>
    <message>
        <source>Outside the city: %1 (referral: %2)</source>
        <translation>Fuera de la ciudad: %1 (remisión: %2)</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Ubicación: %1</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>email</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <source>Caller details taken: %1</source>
        <translation>Datos de quien llama tomados: %1</translation>
    </message>
    <message>
        <source>Open requests nearby shown: %1</source>
        <translation>Solicitudes abiertas cercanas mostradas: %1</translation>
    </message>
    <message>
        <source>Duplicate decision: %1 %2</source>
        <translation>Decisión sobre duplicados: %1 %2</translation>
    </message>
    <message>
        <source>Article opened: %1</source>
        <translation>Artículo abierto: %1</translation>
    </message>
    <message>
        <source>Request created: %1 (%2)</source>
        <translation>Solicitud creada: %1 (%2)</translation>
    </message>
    <message>
        <source>Caller attached to %1</source>
        <translation>Persona asociada a %1</translation>
    </message>
    <message>
        <source>Number read back: %1</source>
        <translation>Número leído: %1</translation>
    </message>
    <message>
        <source>Contact ended: %1</source>
        <translation>Contacto terminado: %1</translation>
    </message>
    <message>
        <source>Contact ended: %1 → %2</source>
        <translation>Contacto terminado: %1 → %2</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Practice result: %1</source>
        <translation>Resultado de la práctica: %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PASSED: %1 of 100 (pass mark %2)&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;APROBADA: %1 de 100 (nota mínima %2)&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;NOT PASSED: %1 of 100 (pass mark %2)&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;NO APROBADA: %1 de 100 (nota mínima %2)&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Critical failure:</source>
        <translation>Falla crítica:</translation>
    </message>
    <message>
        <source>Expected beside done, criterion by criterion</source>
        <translation>Lo esperado junto a lo hecho, criterio por criterio</translation>
    </message>
    <message>
        <source>What the trainee did, step by step:</source>
        <translation>Lo que hizo la persona en formación, paso a paso:</translation>
    </message>
    <message>
        <source>The recorded steps of the practice call</source>
        <translation>Los pasos registrados de la llamada de práctica</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Intentar de nuevo</translation>
    </message>
    <message>
        <source>&amp;Leave practice</source>
        <translation>&amp;Salir de la práctica</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
</context>
<context>
    <name>civicdesk::Receipt</name>
    <message>
        <source>Your service request receipt</source>
        <translation>Comprobante de su solicitud de servicio</translation>
    </message>
    <message>
        <source>Your visit to the service counter</source>
        <translation>Su visita a la ventanilla de atención</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Ventanilla</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Request number</source>
        <translation>Número de solicitud</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Expected by</source>
        <translation>Fecha prevista</translation>
    </message>
    <message>
        <source>no set date</source>
        <translation>sin fecha fijada</translation>
    </message>
    <message>
        <source>How to check the status</source>
        <translation>Cómo consultar el estado</translation>
    </message>
    <message>
        <source>Call %1 and give the request number.</source>
        <translation>Llame al %1 y dé el número de solicitud.</translation>
    </message>
    <message>
        <source>Online: %1</source>
        <translation>En línea: %1</translation>
    </message>
    <message>
        <source>Scan to see the status of %1.</source>
        <translation>Escanee para ver el estado de %1.</translation>
    </message>
    <message>
        <source>Thank you for visiting.</source>
        <translation>Gracias por su visita.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ReceiptPrinter</name>
    <message>
        <source>The printer is not available.</source>
        <translation>La impresora no está disponible.</translation>
    </message>
    <message>
        <source>The receipt cannot be written to %1.</source>
        <translation>No se puede escribir el comprobante en %1.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be made.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
</context>
<context>
    <name>civicdesk::RefusedChangesDialog</name>
    <message>
        <source>&amp;Resend corrected</source>
        <translation>&amp;Reenviar corregido</translation>
    </message>
    <message>
        <source>Changes refused by the central store</source>
        <translation>Cambios rechazados por el almacén central</translation>
    </message>
    <message>
        <source>%1 · %2 %3 · %4</source>
        <translation>%1 · %2 %3 · %4</translation>
    </message>
    <message>
        <source>No refused changes: everything was accepted.</source>
        <translation>No hay cambios rechazados: se aceptó todo.</translation>
    </message>
    <message>
        <source>Reason: %1%2</source>
        <translation>Motivo: %1%2</translation>
    </message>
    <message>
        <source> (field %1)</source>
        <translation> (campo %1)</translation>
    </message>
    <message>
        <source>Resent: it will be delivered with the next sync.</source>
        <translation>Reenviado: se entregará con la próxima sincronización.</translation>
    </message>
</context>
<context>
    <name>civicdesk::RepeatLocationsPanel</name>
    <message>
        <source>A repeat location is an address at which two or more requests were opened in the period (the same address whatever the letter case; requests without an address are not counted).</source>
        <translation>Un lugar repetido es una dirección en la que se abrieron dos o más solicitudes en el periodo (la misma dirección sin importar mayúsculas y minúsculas; las solicitudes sin dirección no se cuentan).</translation>
    </message>
    <message>
        <source>Addresses with repeat requests; Enter lists the requests at one</source>
        <translation>Direcciones con solicitudes repetidas; Intro lista las solicitudes de una</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abiertas</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>Tipos</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Primera</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Última</translation>
    </message>
    <message>
        <source>Requests at an address with repeat requests</source>
        <translation>Solicitudes en una dirección con solicitudes repetidas</translation>
    </message>
    <message>
        <source>Requests at %1</source>
        <translation>Solicitudes en %1</translation>
    </message>
    <message>
        <source>All addresses with repeat requests (%L1)</source>
        <translation>Todas las direcciones con solicitudes repetidas (%L1)</translation>
    </message>
    <message>
        <source>%1 %L2</source>
        <translation>%1 %L2</translation>
    </message>
    <message>
        <source>No address has two requests in this period.</source>
        <translation>Ninguna dirección tiene dos solicitudes en este periodo.</translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) with repeat requests; %1 requests at them.</source>
        <translation>
            <numerusform>%n dirección con solicitudes repetidas; %1 solicitudes en ella.</numerusform>
            <numerusform>%n direcciones con solicitudes repetidas; %1 solicitudes en ellas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The %1 with the most requests are listed.</source>
        <translation>Se listan las %1 con más solicitudes.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ReplayPanel</name>
    <message>
        <source>Intake steps, with the time each took</source>
        <translation>Pasos de la atención, con el tiempo de cada uno</translation>
    </message>
    <message>
        <source>At</source>
        <translation>En</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Duró</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <source>Request made or joined during the contact</source>
        <translation>Solicitud creada o a la que se sumó durante el contacto</translation>
    </message>
    <message>
        <source>Re&amp;quest:</source>
        <translation>&amp;Solicitud:</translation>
    </message>
    <message>
        <source>The request&apos;s timeline</source>
        <translation>Historial de la solicitud</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Type changed</source>
        <translation>Cambio de tipo</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Corrección</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Location changed</source>
        <translation>Cambio de ubicación</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Sumado</translation>
    </message>
    <message>
        <source>Read-back</source>
        <translation>Lectura</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Contact started (%1)</source>
        <translation>Contacto iniciado (%1)</translation>
    </message>
    <message>
        <source>Type changed from %1 to %2</source>
        <translation>Tipo cambiado de %1 a %2</translation>
    </message>
    <message>
        <source>Type chosen: %1</source>
        <translation>Tipo elegido: %1</translation>
    </message>
    <message>
        <source>Answer to “%1” cleared (it was %2)</source>
        <translation>Respuesta a «%1» borrada (era %2)</translation>
    </message>
    <message>
        <source>Answer to “%1” corrected: %2 → %3</source>
        <translation>Respuesta a «%1» corregida: %2 → %3</translation>
    </message>
    <message>
        <source>Answer to “%1”: %2</source>
        <translation>Respuesta a «%1»: %2</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>sin dirección</translation>
    </message>
    <message>
        <source>landmark “%1”</source>
        <translation>punto de referencia «%1»</translation>
    </message>
    <message>
        <source>Location outside the city: %1</source>
        <translation>Ubicación fuera de la ciudad: %1</translation>
    </message>
    <message>
        <source>Location outside the city: %1; referred to %2</source>
        <translation>Ubicación fuera de la ciudad: %1; remitido a %2</translation>
    </message>
    <message>
        <source>Location changed to %1</source>
        <translation>Ubicación cambiada a %1</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Ubicación: %1</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>email</source>
        <translation>correo</translation>
    </message>
    <message>
        <source>Caller&apos;s details taken: %1</source>
        <translation>Datos de la persona tomados: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n open request(s) nearby shown: %1</source>
        <translation>
            <numerusform>Se mostró %n solicitud abierta cercana: %1</numerusform>
            <numerusform>Se mostraron %n solicitudes abiertas cercanas: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Decision: the caller joins %1</source>
        <translation>Decisión: la persona se suma a %1</translation>
    </message>
    <message>
        <source>Decision: a new request anyway</source>
        <translation>Decisión: una solicitud nueva de todos modos</translation>
    </message>
    <message>
        <source>Decision: a new request anyway (“%1”)</source>
        <translation>Decisión: una solicitud nueva de todos modos («%1»)</translation>
    </message>
    <message>
        <source>Decision: back to the form</source>
        <translation>Decisión: volver al formulario</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Decisión: %1</translation>
    </message>
    <message>
        <source>Article opened: %1</source>
        <translation>Artículo abierto: %1</translation>
    </message>
    <message>
        <source>Request %1 created (%2)</source>
        <translation>Solicitud %1 creada (%2)</translation>
    </message>
    <message>
        <source>Caller attached to request %1</source>
        <translation>Persona sumada a la solicitud %1</translation>
    </message>
    <message>
        <source>Number %1 read back to the caller</source>
        <translation>Número %1 leído a la persona</translation>
    </message>
    <message>
        <source>Contact ended: %1</source>
        <translation>Contacto terminado: %1</translation>
    </message>
    <message>
        <source>Contact ended: %1 to %2</source>
        <translation>Contacto terminado: %1 a %2</translation>
    </message>
    <message numerus="yes">
        <source>%n type change(s)</source>
        <translation>
            <numerusform>%n cambio de tipo</numerusform>
            <numerusform>%n cambios de tipo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) corrected</source>
        <translation>
            <numerusform>%n respuesta corregida</numerusform>
            <numerusform>%n respuestas corregidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n location change(s)</source>
        <translation>
            <numerusform>%n cambio de ubicación</numerusform>
            <numerusform>%n cambios de ubicación</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) opened</source>
        <translation>
            <numerusform>%n artículo abierto</numerusform>
            <numerusform>%n artículos abiertos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>duplicates shown %n time(s)</source>
        <translation>
            <numerusform>duplicados mostrados %n vez</numerusform>
            <numerusform>duplicados mostrados %n veces</numerusform>
        </translation>
    </message>
    <message>
        <source>number read back</source>
        <translation>número leído</translation>
    </message>
    <message>
        <source>no number read back</source>
        <translation>ningún número leído</translation>
    </message>
    <message>
        <source>Intake by %1, %2, started %3, took %4: %5</source>
        <translation>Atención de %1, %2, iniciada el %3, duró %4: %5</translation>
    </message>
    <message>
        <source>Intake by %1, %2, started %3: still running</source>
        <translation>Atención de %1, %2, iniciada el %3: todavía en curso</translation>
    </message>
    <message>
        <source>%1 (created)</source>
        <translation>%1 (creada)</translation>
    </message>
    <message>
        <source>%1 (caller joined)</source>
        <translation>%1 (persona sumada)</translation>
    </message>
    <message>
        <source>No request was made or joined during this contact.</source>
        <translation>Durante este contacto no se creó ninguna solicitud ni se sumó a ninguna.</translation>
    </message>
    <message>
        <source>Request %1 is not in this store.</source>
        <translation>La solicitud %1 no está en este almacén.</translation>
    </message>
    <message>
        <source>%1 — %2 — %3</source>
        <translation>%1 — %2 — %3</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestBox</name>
    <message>
        <source>&amp;Description (what the caller sees or needs)</source>
        <translation>D&amp;escripción (lo que la persona ve o necesita)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>&amp;Ubicación</translation>
    </message>
    <message>
        <source>Open requests of this type nearby</source>
        <translation>Solicitudes abiertas de este tipo cerca</translation>
    </message>
    <message>
        <source>Attach the caller to the selected request (Ctrl+D)</source>
        <translation>Agregar a la persona a la solicitud seleccionada (Ctrl+D)</translation>
    </message>
    <message>
        <source>Submit request (Ctrl+Enter)</source>
        <translation>Enviar solicitud (Ctrl+Intro)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · opened %n day(s) ago · %3</source>
        <translation>
            <numerusform>%1 · %2 · abierta hace %n día · %3</numerusform>
            <numerusform>%1 · %2 · abierta hace %n días · %3</numerusform>
        </translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>EMERGENCY — do not take a request. %1</source>
        <translation>EMERGENCIA: no tome una solicitud. %1</translation>
    </message>
    <message>
        <source>Confidential type: do not take the caller&apos;s name, phone or email. Nothing identifying the caller is stored with this request.</source>
        <translation>Tipo confidencial: no pida el nombre, el teléfono ni el correo de la persona. Con esta solicitud no se guarda nada que la identifique.</translation>
    </message>
    <message>
        <source>Open requests of this type nearby: shown once the address is chosen</source>
        <translation>Solicitudes abiertas de este tipo cerca: se muestran al elegir la dirección</translation>
    </message>
    <message>
        <source>Open requests of this type nearby: none</source>
        <translation>Solicitudes abiertas de este tipo cerca: ninguna</translation>
    </message>
    <message numerus="yes">
        <source>Open requests of this type nearby (%n) — the caller may be reporting one of these:</source>
        <translation>
            <numerusform>Solicitud abierta de este tipo cerca (%n): puede que quien llama informe de ella:</numerusform>
            <numerusform>Solicitudes abiertas de este tipo cerca (%n): puede que quien llama informe de una de ellas:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestDetailDialog</name>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>What the caller said, or what was done</source>
        <translation>Lo que dijo la persona que llama o lo que se hizo</translation>
    </message>
    <message>
        <source>&amp;Public (may be read to callers)</source>
        <translation>&amp;Pública (se puede leer a las personas que llaman)</translation>
    </message>
    <message>
        <source>&amp;Add note</source>
        <translation>&amp;Agregar nota</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>Es&amp;tado:</translation>
    </message>
    <message>
        <source>&amp;Change status</source>
        <translation>&amp;Cambiar estado</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Línea de tiempo</translation>
    </message>
    <message>
        <source>Closure reason</source>
        <translation>Motivo de cierre</translation>
    </message>
    <message>
        <source>This request is no longer in the store.</source>
        <translation>Esta solicitud ya no está en el almacén local.</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Solicitud %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Callers: none recorded (anonymous or imported).</source>
        <translation>Personas que llamaron: ninguna registrada (solicitud anónima o importada).</translation>
    </message>
    <message>
        <source>Callers: %1</source>
        <translation>Personas que llamaron: %1</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Número:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Closure reason:</source>
        <translation>Motivo de cierre:</translation>
    </message>
    <message>
        <source>SLA:</source>
        <translation>SLA:</translation>
    </message>
    <message>
        <source>%1, due %2</source>
        <translation>%1, vence: %2</translation>
    </message>
    <message>
        <source>Opened:</source>
        <translation>Fecha de apertura:</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>Fecha de cierre:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Canal:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>Distrito:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Departamento:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Descripción:</translation>
    </message>
    <message>
        <source>Answers:</source>
        <translation>Respuestas:</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Volver a abrir</translation>
    </message>
    <message>
        <source>Your role cannot change the status of this request.</source>
        <translation>Su rol no permite cambiar el estado de esta solicitud.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Nota agregada.</translation>
    </message>
    <message>
        <source>Status changed to %1.</source>
        <translation>Estado cambiado a %1.</translation>
    </message>
    <message>
        <source>D&amp;uplicate of:</source>
        <translation>D&amp;uplicada de:</translation>
    </message>
    <message>
        <source>Number of the request this one repeats</source>
        <translation>Número de la solicitud que esta repite</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Vincular</translation>
    </message>
    <message>
        <source>Unlin&amp;k</source>
        <translation>Desvincu&amp;lar</translation>
    </message>
    <message>
        <source>Call&amp;back by:</source>
        <translation>Dev&amp;olver la llamada antes de:</translation>
    </message>
    <message>
        <source>What to tell or ask the caller</source>
        <translation>Qué decirle o preguntarle a la persona que llama</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>Pro&amp;gramar</translation>
    </message>
    <message>
        <source>Callbacks waiting</source>
        <translation>Devoluciones de llamada pendientes</translation>
    </message>
    <message>
        <source>Mark d&amp;one</source>
        <translation>Marcar como &amp;hecha</translation>
    </message>
    <message>
        <source>How the callback went</source>
        <translation>Cómo resultó la devolución de llamada</translation>
    </message>
    <message>
        <source>Duplicate of:</source>
        <translation>Duplicada de:</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>Duplicadas:</translation>
    </message>
    <message>
        <source>Only a supervisor unlinks a duplicate.</source>
        <translation>Solo un supervisor puede desvincular un duplicado.</translation>
    </message>
    <message numerus="yes">
        <source>Also close %n open duplicate(s)</source>
        <translation>
            <numerusform>Cerrar también %n duplicada abierta</numerusform>
            <numerusform>Cerrar también %n duplicadas abiertas</numerusform>
        </translation>
    </message>
    <message>
        <source>Callback to %1 by %2</source>
        <translation>Devolución de llamada a %1 a más tardar el %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>Closed, with %n duplicate(s).</source>
        <translation>
            <numerusform>Cerrada, con %n duplicada.</numerusform>
            <numerusform>Cerrada, con %n duplicadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Closed; its duplicates were not: %1</source>
        <translation>Cerrada; sus duplicadas no se cerraron: %1</translation>
    </message>
    <message>
        <source>Linked as a duplicate.</source>
        <translation>Vinculada como duplicada.</translation>
    </message>
    <message>
        <source>Unlinked: no longer a duplicate.</source>
        <translation>Desvinculada: ya no es duplicada.</translation>
    </message>
    <message>
        <source>Callback scheduled for %1.</source>
        <translation>Devolución de llamada programada para el %1.</translation>
    </message>
    <message>
        <source>Callback marked done: %1.</source>
        <translation>Devolución de llamada marcada como hecha: %1.</translation>
    </message>
    <message>
        <source>Status note:</source>
        <translation>Nota de estado:</translation>
    </message>
    <message>
        <source>City&apos;s name:</source>
        <translation>Nombre de la ciudad:</translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestForm</name>
    <message>
        <source>Script: %1</source>
        <translation>Guion: %1</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un número</translation>
    </message>
    <message>
        <source>date and time, e.g. 2026-11-23 14:05</source>
        <translation>fecha y hora, p. ej. 2026-11-23 14:05</translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestListModel</name>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>No target</source>
        <translation>Sin fecha objetivo</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>A tiempo</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Vence pronto</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Redes sociales</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Presencial</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Apertura</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Mensaje de texto</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Correo postal</translation>
    </message>
    <message>
        <source>Open311</source>
        <translation>Open311</translation>
    </message>
    <message>
        <source>Contact running</source>
        <translation>Contacto en curso</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Información proporcionada</translation>
    </message>
    <message>
        <source>Request created</source>
        <translation>Solicitud creada</translation>
    </message>
    <message>
        <source>Attached to an existing request</source>
        <translation>Persona agregada a una solicitud existente</translation>
    </message>
    <message>
        <source>Warm transfer</source>
        <translation>Transferencia asistida</translation>
    </message>
    <message>
        <source>Cold transfer</source>
        <translation>Transferencia directa</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Queja</translation>
    </message>
    <message>
        <source>Caller hung up</source>
        <translation>La persona colgó</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <source>Duplicate of another request</source>
        <translation>Duplicada de otra solicitud</translation>
    </message>
    <message>
        <source>No action needed</source>
        <translation>No se requiere ninguna acción</translation>
    </message>
    <message>
        <source>Referred to another agency</source>
        <translation>Derivada a otra agencia</translation>
    </message>
    <message>
        <source>Unable to locate</source>
        <translation>No se pudo ubicar</translation>
    </message>
    <message>
        <source>Not a valid request</source>
        <translation>No es una solicitud válida</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Neighborhood</source>
        <translation>Vecindario</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Departamento</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona que llama</translation>
    </message>
    <message>
        <source>Reached the caller</source>
        <translation>Se habló con la persona</translation>
    </message>
    <message>
        <source>Left a message</source>
        <translation>Se dejó un mensaje</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>No contestó</translation>
    </message>
    <message>
        <source>No longer needed</source>
        <translation>Ya no es necesaria</translation>
    </message>
    <message>
        <source>Referred elsewhere</source>
        <translation>Derivado a otra entidad</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>generic status · the city&apos;s own status word</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>The request was closed</source>
        <translation>Se cerró la solicitud</translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestSubmitter</name>
    <message>
        <source>Caller added to existing request &lt;b&gt;%1&lt;/b&gt;. Read it back to the caller.</source>
        <translation>Persona agregada a la solicitud existente &lt;b&gt;%1&lt;/b&gt;. Léale el número.</translation>
    </message>
    <message>
        <source>Choose a request type first (Ctrl+1).</source>
        <translation>Primero elija un tipo de solicitud (Ctrl+1).</translation>
    </message>
    <message>
        <source>This place is outside the city: refer the caller instead of taking a request.</source>
        <translation>Este lugar está fuera de la ciudad: derive a la persona en lugar de tomar una solicitud.</translation>
    </message>
    <message>
        <source>no target date for this type</source>
        <translation>este tipo no tiene fecha objetivo</translation>
    </message>
    <message>
        <source>Request number &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Expected by: &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Número de solicitud &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Fecha prevista: &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Saved. The number is on the clipboard; read it back to the caller.</source>
        <translation>Guardada. El número está en el portapapeles; léaselo a la persona.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ReviewDueDialog</name>
    <message>
        <source>&amp;Still right: review in a year</source>
        <translation>&amp;Sigue vigente: revisar en un año</translation>
    </message>
    <message>
        <source>Articles due for review</source>
        <translation>Artículos pendientes de revisión</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>con %n día de retraso</numerusform>
            <numerusform>con %n días de retraso</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>vence hoy</translation>
    </message>
    <message numerus="yes">
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>vence en %n día</numerusform>
            <numerusform>vence en %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>No article is due for review in the next 30 days.</source>
        <translation>Ningún artículo tiene revisión pendiente en los próximos 30 días.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) due within 30 days.</source>
        <translation>
            <numerusform>%n artículo con revisión pendiente en los próximos 30 días.</numerusform>
            <numerusform>%n artículos con revisión pendiente en los próximos 30 días.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::ReviewPanel</name>
    <message>
        <source>waiting for the agent</source>
        <translation>pendiente del agente</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>confirmada</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>impugnada</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>decidida</translation>
    </message>
    <message>
        <source>Courtesy and tone</source>
        <translation>Cortesía y tono</translation>
    </message>
    <message>
        <source>Chose the right request type</source>
        <translation>Eligió el tipo de solicitud correcto</translation>
    </message>
    <message>
        <source>Read the request number back</source>
        <translation>Leyó en voz alta el número de solicitud</translation>
    </message>
    <message>
        <source>Used the knowledge base where it helped</source>
        <translation>Usó la base de conocimiento cuando era útil</translation>
    </message>
    <message>
        <source>311 call quality</source>
        <translation>Calidad de la llamada al 311</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>Apertura</translation>
    </message>
    <message>
        <source>Greeted the caller with the centre&apos;s script</source>
        <translation>Saludó a la persona con el guion del centro</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Admisión</translation>
    </message>
    <message>
        <source>Took a service request</source>
        <translation>Registró una solicitud de servicio</translation>
    </message>
    <message>
        <source>Safety and jurisdiction</source>
        <translation>Seguridad y jurisdicción</translation>
    </message>
    <message>
        <source>Diverted an emergency to 911</source>
        <translation>Derivó una emergencia al 911</translation>
    </message>
    <message>
        <source>Kept personal data off a confidential type</source>
        <translation>No puso datos personales en un tipo confidencial</translation>
    </message>
    <message>
        <source>Took no request outside the city</source>
        <translation>No registró solicitudes fuera de la ciudad</translation>
    </message>
    <message>
        <source>Month to sample</source>
        <translation>Mes de la muestra</translation>
    </message>
    <message>
        <source>Short contacts to sample</source>
        <translation>Contactos cortos en la muestra</translation>
    </message>
    <message>
        <source>Long contacts to sample</source>
        <translation>Contactos largos en la muestra</translation>
    </message>
    <message>
        <source>A long contact lasts at least (minutes)</source>
        <translation>Un contacto largo dura al menos (minutos)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Reviewers, separated by commas</source>
        <translation>Evaluadores, separados por comas</translation>
    </message>
    <message>
        <source>Draw the sample</source>
        <translation>Sacar la muestra</translation>
    </message>
    <message>
        <source>Publish the standard 311 form</source>
        <translation>Publicar el formulario estándar del 311</translation>
    </message>
    <message>
        <source>Sampled contacts; Enter scores one</source>
        <translation>Contactos de la muestra; Intro puntúa uno</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Stratum</source>
        <translation>Estrato</translation>
    </message>
    <message>
        <source>Reviewers</source>
        <translation>Evaluadores</translation>
    </message>
    <message>
        <source>Your score</source>
        <translation>Su puntuación</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Evaluador</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>R&amp;eviewers:</source>
        <translation>Evaluado&amp;res:</translation>
    </message>
    <message>
        <source>Published %1, version %2.</source>
        <translation>Publicado %1, versión %2.</translation>
    </message>
    <message>
        <source>No ended contacts in this month to sample.</source>
        <translation>No hay contactos terminados en este mes para la muestra.</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts sampled.</source>
        <translation>
            <numerusform>%n contacto en la muestra.</numerusform>
            <numerusform>%n contactos en la muestra.</numerusform>
        </translation>
    </message>
    <message>
        <source>Form: %1, version %2</source>
        <translation>Formulario: %1, versión %2</translation>
    </message>
    <message>
        <source>No evaluation form is published yet.</source>
        <translation>Todavía no hay ningún formulario de evaluación publicado.</translation>
    </message>
    <message>
        <source>long</source>
        <translation>largo</translation>
    </message>
    <message>
        <source>short</source>
        <translation>corto</translation>
    </message>
    <message>
        <source>%1 (critical)</source>
        <translation>%1 (crítica)</translation>
    </message>
    <message>
        <source>Reviewer agreement on %1 contacts scored by two reviewers or more: Krippendorff&apos;s alpha %2 on the score (%3 within 5 points).</source>
        <translation>Acuerdo entre evaluadores en %1 contactos puntuados por dos evaluadores o más: alfa de Krippendorff %2 en la puntuación (%3 a menos de 5 puntos).</translation>
    </message>
    <message>
        <source>centre sample %1</source>
        <translation>muestra del centro %1</translation>
    </message>
    <message>
        <source>Evaluation submitted.</source>
        <translation>Evaluación enviada.</translation>
    </message>
    <message>
        <source>Edit the form (new &amp;version)…</source>
        <translation>Editar el formulario (nueva &amp;versión)…</translation>
    </message>
    <message>
        <source>Edit the evaluation form as a new version</source>
        <translation>Editar el formulario de evaluación como una nueva versión</translation>
    </message>
    <message>
        <source>Evaluations; Enter opens one to decide a dispute or add a coaching note</source>
        <translation>Evaluaciones; Intro abre una para decidir una impugnación o añadir una nota de orientación</translation>
    </message>
    <message>
        <source>Publish an evaluation form first (Alt+A).</source>
        <translation>Publique primero un formulario de evaluación (Alt+B).</translation>
    </message>
    <message>
        <source>Published %1, version %2; evaluations scored before keep their version.</source>
        <translation>Publicado %1, versión %2; las evaluaciones puntuadas antes conservan su versión.</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Per question, alpha (agreement): %1</source>
        <translation>Por pregunta, alfa (acuerdo): %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 points (off by %3 on average, %4 of answers the same, %n contact(s))</source>
        <translation>
            <numerusform>%1 %2 puntos (desviación media de %3, %4 de respuestas iguales, %n contacto)</numerusform>
            <numerusform>%1 %2 puntos (desviación media de %3, %4 de respuestas iguales, %n contactos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Against the reference reviewer %1 (named first in Reviewers): %2</source>
        <translation>Frente al evaluador de referencia %1 (el primero en Evaluadores): %2</translation>
    </message>
    <message>
        <source>How contacts are drawn</source>
        <translation>Cómo se sacan los contactos</translation>
    </message>
    <message>
        <source>Centre: short and long contacts</source>
        <translation>Centro: contactos cortos y largos</translation>
    </message>
    <message>
        <source>Per agent</source>
        <translation>Por agente</translation>
    </message>
    <message>
        <source>Contacts to sample per agent</source>
        <translation>Contactos por agente en la muestra</translation>
    </message>
    <message>
        <source>Sample &amp;kind:</source>
        <translation>Alcance de la mues&amp;tra:</translation>
    </message>
    <message>
        <source>Per agent:</source>
        <translation>Por agente:</translation>
    </message>
    <message>
        <source>per agent</source>
        <translation>por agente</translation>
    </message>
    <message>
        <source>Scoring is independent: another reviewer&apos;s evaluation of a contact is shown here only after you have submitted your own.</source>
        <translation>La puntuación es independiente: la evaluación de otro revisor sobre un contacto solo se muestra aquí después de que usted haya enviado la suya.</translation>
    </message>
    <message>
        <source>&amp;Draw the sample</source>
        <translation>Sacar la m&amp;uestra</translation>
    </message>
    <message>
        <source>&amp;Publish the standard form</source>
        <translation>Pub&amp;licar el formulario estándar</translation>
    </message>
    <message>
        <source>Mo&amp;nth:</source>
        <translation>&amp;Mes:</translation>
    </message>
    <message>
        <source>Shor&amp;t:</source>
        <translation>Cortos:</translation>
    </message>
    <message>
        <source>Lon&amp;g:</source>
        <translation>Lar&amp;gos:</translation>
    </message>
    <message>
        <source>Long &amp;from:</source>
        <translation>Largos &amp;desde:</translation>
    </message>
</context>
<context>
    <name>civicdesk::ScenarioEditorDialog</name>
    <message>
        <source>Practice scenario</source>
        <translation>Escenario de práctica</translation>
    </message>
    <message>
        <source>Start fro&amp;m:</source>
        <translation>&amp;Partir de:</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Scenario parts</source>
        <translation>Partes del escenario</translation>
    </message>
    <message>
        <source>The call</source>
        <translation>La llamada</translation>
    </message>
    <message>
        <source>&amp;Id (file name):</source>
        <translation>&amp;Identificador (nombre del archivo):</translation>
    </message>
    <message>
        <source>Scenario id</source>
        <translation>Identificador del escenario</translation>
    </message>
    <message>
        <source>lowercase letters, digits, - and _</source>
        <translation>minúsculas, cifras, - y _</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Call &amp;language:</source>
        <translation>I&amp;dioma de la llamada:</translation>
    </message>
    <message>
        <source>Call language</source>
        <translation>Idioma de la llamada</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal:</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Anon&amp;ymous caller (gives no name)</source>
        <translation>Llamante anónim&amp;o (no da su nombre)</translation>
    </message>
    <message>
        <source>Anonymous caller</source>
        <translation>Llamante anónimo</translation>
    </message>
    <message>
        <source>Caller&apos;s &amp;name:</source>
        <translation>&amp;Nombre del llamante:</translation>
    </message>
    <message>
        <source>Caller&apos;s name</source>
        <translation>Nombre del llamante</translation>
    </message>
    <message>
        <source>Caller&apos;s &amp;phone:</source>
        <translation>T&amp;eléfono del llamante:</translation>
    </message>
    <message>
        <source>Caller&apos;s phone</source>
        <translation>Teléfono del llamante</translation>
    </message>
    <message>
        <source>the number the practice phone rings with</source>
        <translation>el número con el que suena el teléfono de práctica</translation>
    </message>
    <message>
        <source>Caller&apos;s lan&amp;guage:</source>
        <translation>Idio&amp;ma del llamante:</translation>
    </message>
    <message>
        <source>Caller&apos;s language</source>
        <translation>Idioma del llamante</translation>
    </message>
    <message>
        <source>&amp;Opening line:</source>
        <translation>&amp;Frase inicial:</translation>
    </message>
    <message>
        <source>Opening line</source>
        <translation>Frase inicial</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>&amp;Where is it (F5):</source>
        <translation>¿&amp;Dónde está? (F5):</translation>
    </message>
    <message>
        <source>Where is it</source>
        <translation>Dónde está</translation>
    </message>
    <message>
        <source>What &amp;happened (F6):</source>
        <translation>¿&amp;Qué pasó? (F6):</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <source>Who is callin&amp;g (F7):</source>
        <translation>¿Quién &amp;llama? (F7):</translation>
    </message>
    <message>
        <source>Who is calling</source>
        <translation>Quién llama</translation>
    </message>
    <message>
        <source>Request &amp;number of (F9):</source>
        <translation>&amp;Número de la solicitud (F9):</translation>
    </message>
    <message>
        <source>Request number of</source>
        <translation>Número de la solicitud</translation>
    </message>
    <message>
        <source>the ref of an open request (status calls)</source>
        <translation>la ref. de una solicitud abierta (llamadas de estado)</translation>
    </message>
    <message>
        <source>The caller m&amp;isreads the number first</source>
        <translation>El llamante lee mal el número la &amp;primera vez</translation>
    </message>
    <message>
        <source>The caller misreads the number first</source>
        <translation>El llamante lee mal el número la primera vez</translation>
    </message>
    <message>
        <source>&amp;Answers to the type&apos;s questions (F8, in this order; values are list keys, separated by commas):</source>
        <translation>&amp;Respuestas a las preguntas del tipo (F8, en este orden; los valores son claves de la lista, separadas por comas):</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>Add the type&apos;s &amp;questions</source>
        <translation>Añadir las pre&amp;guntas del tipo</translation>
    </message>
    <message>
        <source>Add the type&apos;s questions</source>
        <translation>Añadir las preguntas del tipo</translation>
    </message>
    <message>
        <source>Add an answ&amp;er</source>
        <translation>Añadir una r&amp;espuesta</translation>
    </message>
    <message>
        <source>Add an answer</source>
        <translation>Añadir una respuesta</translation>
    </message>
    <message>
        <source>&amp;Remove the answer</source>
        <translation>Qui&amp;tar la respuesta</translation>
    </message>
    <message>
        <source>Remove the answer</source>
        <translation>Quitar la respuesta</translation>
    </message>
    <message>
        <source>Expected outcome</source>
        <translation>Resultado esperado</translation>
    </message>
    <message>
        <source>Request &amp;type:</source>
        <translation>&amp;Tipo de solicitud:</translation>
    </message>
    <message>
        <source>Request type</source>
        <translation>Tipo de solicitud</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Lugar:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>the address or intersection, e.g. 40 Centre St</source>
        <translation>la dirección o el cruce, p. ej. 40 Centre St</translation>
    </message>
    <message>
        <source>The place is &amp;outside the city</source>
        <translation>El lugar está &amp;fuera de la ciudad</translation>
    </message>
    <message>
        <source>The place is outside the city</source>
        <translation>El lugar está fuera de la ciudad</translation>
    </message>
    <message>
        <source>Re&amp;ferral:</source>
        <translation>&amp;Derivación:</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Derivación</translation>
    </message>
    <message>
        <source>&amp;Duplicate decision:</source>
        <translation>Decisión sobre d&amp;uplicado:</translation>
    </message>
    <message>
        <source>Duplicate decision</source>
        <translation>Decisión sobre duplicado</translation>
    </message>
    <message>
        <source>&amp;Articles to open:</source>
        <translation>&amp;Artículos que abrir:</translation>
    </message>
    <message>
        <source>Articles to open</source>
        <translation>Artículos que abrir</translation>
    </message>
    <message>
        <source>article ids, separated by commas</source>
        <translation>identificadores de artículos, separados por comas</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>&amp;Resultado:</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Transfer ta&amp;rget:</source>
        <translation>Destino de la tra&amp;nsferencia:</translation>
    </message>
    <message>
        <source>Transfer target</source>
        <translation>Destino de la transferencia</translation>
    </message>
    <message>
        <source>Number read &amp;back:</source>
        <translation>Número leído en &amp;voz alta:</translation>
    </message>
    <message>
        <source>Number read back</source>
        <translation>Número leído en voz alta</translation>
    </message>
    <message>
        <source>created, or the ref of an open request</source>
        <translation>created, o la ref. de una solicitud abierta</translation>
    </message>
    <message>
        <source>Target t&amp;ime (seconds):</source>
        <translation>T&amp;iempo objetivo (segundos):</translation>
    </message>
    <message>
        <source>Target time in seconds</source>
        <translation>Tiempo objetivo en segundos</translation>
    </message>
    <message>
        <source>Pass mar&amp;k:</source>
        <translation>Nota de a&amp;probado:</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>Nota de aprobado</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Solicitudes abiertas</translation>
    </message>
    <message>
        <source>&amp;Open requests that exist before the call (a duplicate to find, a request to ask about):</source>
        <translation>Solicitudes &amp;abiertas antes de la llamada (un duplicado que encontrar, una solicitud por la que preguntar):</translation>
    </message>
    <message>
        <source>Open requests before the call</source>
        <translation>Solicitudes abiertas antes de la llamada</translation>
    </message>
    <message>
        <source>Add an open re&amp;quest</source>
        <translation>Añadir una solicitud a&amp;bierta</translation>
    </message>
    <message>
        <source>Add an open request</source>
        <translation>Añadir una solicitud abierta</translation>
    </message>
    <message>
        <source>Remo&amp;ve the open request</source>
        <translation>&amp;Quitar la solicitud abierta</translation>
    </message>
    <message>
        <source>Remove the open request</source>
        <translation>Quitar la solicitud abierta</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save the scenario</source>
        <translation>Guardar el escenario</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Cerrar sin guardar</translation>
    </message>
    <message>
        <source>Saved in the trainers&apos; folder %1 (the bundled scenarios stay as the city pack ships them). Ctrl+S saves; Ctrl+Tab shows the next part.</source>
        <translation>Se guarda en la carpeta de los formadores %1 (los escenarios incluidos quedan tal como los trae el paquete de la ciudad). Ctrl+S guarda; Ctrl+Tab muestra la parte siguiente.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(no request: an information question or a status call)</source>
        <translation>(sin solicitud: una pregunta de información o una llamada de estado)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>Not scored</source>
        <translation>No se puntúa</translation>
    </message>
    <message>
        <source>Attach the caller to the open request</source>
        <translation>Asociar al llamante a la solicitud abierta</translation>
    </message>
    <message>
        <source>Take a new request anyway</source>
        <translation>Tomar una solicitud nueva de todos modos</translation>
    </message>
    <message>
        <source>A new scenario</source>
        <translation>Un escenario nuevo</translation>
    </message>
    <message>
        <source>Edit: %1 (%2)</source>
        <translation>Editar: %1 (%2)</translation>
    </message>
    <message>
        <source>Copy of: %1 (%2)</source>
        <translation>Copia de: %1 (%2)</translation>
    </message>
    <message>
        <source>Question code</source>
        <translation>Código de la pregunta</translation>
    </message>
    <message>
        <source>Values (list keys or text)</source>
        <translation>Valores (claves de la lista o texto)</translation>
    </message>
    <message>
        <source>The caller says</source>
        <translation>El llamante dice</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>Puntúa</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <source>Type code</source>
        <translation>Código del tipo</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <source>Days ago</source>
        <translation>Hace (días)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copia)</translation>
    </message>
    <message>
        <source>scored</source>
        <translation>puntúa</translation>
    </message>
    <message>
        <source>choose the request type first: its questions are added</source>
        <translation>elija primero el tipo de solicitud: se añaden sus preguntas</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>Texto libre</translation>
    </message>
    <message>
        <source>One of: %1</source>
        <translation>Uno de: %1</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>no es un número</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Not saved (%n problem(s)):&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;No se guardó (%n problema):&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;No se guardó (%n problemas):&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete this scenario (Ctrl+Shift+D)</source>
        <translation>Eliminar este escenario (Ctrl+Mayús+D)</translation>
    </message>
    <message>
        <source>Delete this scenario</source>
        <translation>Eliminar este escenario</translation>
    </message>
    <message>
        <source>Only a trainer&apos;s own scenario can be deleted; the bundled ones come with the city pack.</source>
        <translation>Solo se puede eliminar un escenario propio de un formador; los incluidos vienen con el paquete de la ciudad.</translation>
    </message>
    <message>
        <source>Delete the practice scenario &quot;%1&quot;? Its file is removed from the trainers&apos; folder; runs already scored stay in the training record.</source>
        <translation>¿Eliminar el escenario de práctica &quot;%1&quot;? Su archivo se quita de la carpeta de los formadores; las prácticas ya puntuadas se quedan en el registro de formación.</translation>
    </message>
    <message>
        <source>Delete a practice scenario</source>
        <translation>Eliminar un escenario de práctica</translation>
    </message>
    <message>
        <source>The %1 role may not write practice scenarios: trainers and admins do.</source>
        <translation>El rol %1 no puede escribir escenarios de práctica: lo hacen los formadores y los administradores.</translation>
    </message>
    <message>
        <source>The central store did not save it: %1</source>
        <translation>El almacén central no lo guardó: %1</translation>
    </message>
    <message>
        <source>The central store did not delete it: %1</source>
        <translation>El almacén central no lo eliminó: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::ScenarioPickerDialog</name>
    <message>
        <source>Practice: choose a call</source>
        <translation>Práctica: elija una llamada</translation>
    </message>
    <message>
        <source>&amp;Scenario (the caller is played for you; nothing reaches a resident):</source>
        <translation>&amp;Escenario (la persona que llama es simulada; nada llega a un residente):</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <source>%1 · %2 · target %3 s</source>
        <translation>%1 · %2 · objetivo %3 s</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scenarios left out (%1 problems):&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;Escenarios omitidos (%1 problemas):&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>&amp;Start the call</source>
        <translation>&amp;Empezar la llamada</translation>
    </message>
    <message>
        <source>%1 · written by a trainer</source>
        <translation>%1 · escrito por un formador</translation>
    </message>
</context>
<context>
    <name>civicdesk::ServiceTypeModel</name>
    <message>
        <source>No target set</source>
        <translation>Sin plazo definido</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hora</numerusform>
            <numerusform>%n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n business day(s)</source>
        <translation>
            <numerusform>%n día hábil</numerusform>
            <numerusform>%n días hábiles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
</context>
<context>
    <name>civicdesk::SlaAlertsPanel</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Overdue, due soon or both</source>
        <translation>Vencidas, a punto de vencer o ambas</translation>
    </message>
    <message>
        <source>Overdue and due soon</source>
        <translation>Vencidas y a punto de vencer</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Solo vencidas</translation>
    </message>
    <message>
        <source>Due soon only</source>
        <translation>Solo a punto de vencer</translation>
    </message>
    <message>
        <source>Requests overdue or about to be; Enter opens a request and its timeline</source>
        <translation>Solicitudes vencidas o a punto de vencer; Intro abre una solicitud y su historial</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Departamento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Overdue by / left</source>
        <translation>Vencida hace / queda</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>A punto de vencer</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation>vencida hace %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>quedan %1</translation>
    </message>
    <message>
        <source>%1: %2 overdue, %3 due soon</source>
        <translation>%1: %2 vencidas, %3 a punto de vencer</translation>
    </message>
    <message>
        <source>No request is overdue or due soon.</source>
        <translation>Ninguna solicitud está vencida ni a punto de vencer.</translation>
    </message>
    <message>
        <source>Listed: the %1 opened first of each kind (overdue, due soon).</source>
        <translation>Se listan las %1 abiertas primero de cada clase (vencidas, a punto de vencer).</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
</context>
<context>
    <name>civicdesk::StatusReadbackBox</name>
    <message>
        <source>Request number the caller reads out, then Enter</source>
        <translation>Número de solicitud que lee la persona que llama; luego, Intro</translation>
    </message>
    <message>
        <source>Request %1, %2, was opened on %3.</source>
        <translation>La solicitud %1, %2, se abrió el %3.</translation>
    </message>
    <message>
        <source>Request %1, %2 at %3, was opened on %4.</source>
        <translation>La solicitud %1, %2 en %3, se abrió el %4.</translation>
    </message>
    <message>
        <source>It is open and waiting for the department.</source>
        <translation>Está abierta y en espera del departamento.</translation>
    </message>
    <message>
        <source>The department is working on it.</source>
        <translation>El departamento está trabajando en ella.</translation>
    </message>
    <message>
        <source>It was closed on %1.</source>
        <translation>Se cerró el %1.</translation>
    </message>
    <message>
        <source>It is closed.</source>
        <translation>Está cerrada.</translation>
    </message>
    <message>
        <source>Reason: %1.</source>
        <translation>Motivo: %1.</translation>
    </message>
    <message>
        <source>This type of request has no target date.</source>
        <translation>Este tipo de solicitud no tiene fecha objetivo.</translation>
    </message>
    <message>
        <source>It was expected by %1 and is overdue; I will flag it to the department.</source>
        <translation>Se esperaba resolverla a más tardar el %1 y está vencida; se lo notificaré al departamento.</translation>
    </message>
    <message>
        <source>It is expected to be resolved by %1.</source>
        <translation>Se espera resolverla a más tardar el %1.</translation>
    </message>
    <message>
        <source>Latest update, %1: %2</source>
        <translation>Última actualización, %1: %2</translation>
    </message>
    <message>
        <source>There is no public update yet.</source>
        <translation>Todavía no hay ninguna actualización pública.</translation>
    </message>
    <message>
        <source>Status of request number</source>
        <translation>Estado del número de solicitud</translation>
    </message>
    <message>
        <source>The street address or the date the caller gives</source>
        <translation>La dirección o la fecha que da quien llama</translation>
    </message>
    <message>
        <source>City case number %1 has no check character: one wrong digit finds someone else&apos;s request. Ask the caller for the street address or the date they reported it, type it under &quot;Confirm with&quot; and press Enter.</source>
        <translation>El número de caso municipal %1 no tiene carácter de control: un dígito equivocado encuentra la solicitud de otra persona. Pida a quien llama la dirección o la fecha en que lo comunicó, escríbala en «Confirmar con» y pulse Intro.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not match case %2: do not read it. Ask the caller to read the number again, or for the address or date once more.</source>
        <translation>«%1» no coincide con el caso %2: no lo lea. Pida a quien llama que lea el número de nuevo, o la dirección o la fecha otra vez.</translation>
    </message>
    <message>
        <source>The city&apos;s record says “%1”.</source>
        <translation>El registro de la ciudad dice «%1».</translation>
    </message>
    <message>
        <source>The city&apos;s record says “%1”: %2</source>
        <translation>El registro de la ciudad dice «%1»: %2</translation>
    </message>
    <message>
        <source>Status of:</source>
        <translation>Estado de:</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Detalles…</translation>
    </message>
    <message>
        <source>Confirm with:</source>
        <translation>Confirmar con:</translation>
    </message>
</context>
<context>
    <name>civicdesk::SupervisorWorkspace</name>
    <message>
        <source>Supervisor workspace</source>
        <translation>Espacio de supervisión</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Todos los agentes</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <source>Due within (hours)</source>
        <translation>Vence en (horas)</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>Pe&amp;riodo:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>A&amp;gente:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>Cana&amp;l:</translation>
    </message>
    <message>
        <source>&amp;Due within:</source>
        <translation>&amp;Vence en:</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Average handle time</source>
        <translation>Tiempo medio de atención</translation>
    </message>
    <message>
        <source>Transfer rate</source>
        <translation>Tasa de transferencia</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>Resolución en el primer contacto</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA cumplido</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Abiertas</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencidas</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Vencen pronto</translation>
    </message>
    <message>
        <source>Help flags</source>
        <translation>Peticiones de ayuda</translation>
    </message>
    <message>
        <source>Figures; Enter lists what is behind one</source>
        <translation>Cifras; Intro muestra lo que hay detrás de una</translation>
    </message>
    <message>
        <source>Open requests by type and department; Enter lists the requests in a cell</source>
        <translation>Solicitudes abiertas por tipo y departamento; Intro muestra las solicitudes de una celda</translation>
    </message>
    <message>
        <source>Agents asking for a supervisor</source>
        <translation>Agentes que piden un supervisor</translation>
    </message>
    <message>
        <source>Answer the selected help flag</source>
        <translation>Responder a la petición de ayuda seleccionada</translation>
    </message>
    <message>
        <source>Supervisor views</source>
        <translation>Vistas de supervisión</translation>
    </message>
    <message>
        <source>F&amp;igures</source>
        <translation>C&amp;ifras</translation>
    </message>
    <message>
        <source>SLA &amp;backlog</source>
        <translation>&amp;Pendientes</translation>
    </message>
    <message>
        <source>&amp;Help flags</source>
        <translation>A&amp;yuda pedida</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Departamento</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abiertas</translation>
    </message>
    <message>
        <source>0–2 days</source>
        <translation>0–2 días</translation>
    </message>
    <message>
        <source>3–7 days</source>
        <translation>3–7 días</translation>
    </message>
    <message>
        <source>8–30 days</source>
        <translation>8–30 días</translation>
    </message>
    <message>
        <source>Over 30 days</source>
        <translation>Más de 30 días</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Pedida</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>&amp;Help flags (%1)</source>
        <translation>A&amp;yuda pedida (%1)</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>&amp;Quality review</source>
        <translation>&amp;Calidad</translation>
    </message>
    <message>
        <source>L&amp;obby</source>
        <translation>Vestí&amp;bulo</translation>
    </message>
    <message>
        <source>Cl&amp;usters</source>
        <translation>&amp;Focos</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Todos los equipos</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Todos los departamentos</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>Department of the requests</source>
        <translation>Departamento de las solicitudes</translation>
    </message>
    <message>
        <source>Type of the requests</source>
        <translation>Tipo de las solicitudes</translation>
    </message>
    <message>
        <source>Lobby counter</source>
        <translation>Ventanilla del vestíbulo</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Count again (F5)</source>
        <translation>Volver a contar (F5)</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>Eq&amp;uipo:</translation>
    </message>
    <message>
        <source>Departme&amp;nt:</source>
        <translation>Departa&amp;mento:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>A&amp;nswer: I am on my way</source>
        <translation>&amp;Responder: voy para allá</translation>
    </message>
    <message>
        <source>Phone &amp;system</source>
        <translation>Ce&amp;ntralita</translation>
    </message>
    <message>
        <source>Tea&amp;ms</source>
        <translation>E&amp;quipos</translation>
    </message>
    <message>
        <source>&amp;Repeat locations</source>
        <translation>Lugares r&amp;epetidos</translation>
    </message>
    <message>
        <source>Ans&amp;wers</source>
        <translation>Re&amp;spuestas</translation>
    </message>
    <message>
        <source>&amp;Audit trail</source>
        <translation>Audit&amp;oría</translation>
    </message>
    <message>
        <source>SLA a&amp;lerts</source>
        <translation>&amp;Alertas SLA</translation>
    </message>
</context>
<context>
    <name>civicdesk::SwitchAgentDialog</name>
    <message>
        <source>&amp;Switch</source>
        <translation>Ca&amp;mbiar</translation>
    </message>
    <message>
        <source>Switch agent</source>
        <translation>Cambiar de agente</translation>
    </message>
    <message>
        <source>Signed in now: %1 (%2). The next agent signs in here; the window and the lobby queue stay open.</source>
        <translation>Sesión iniciada ahora: %1 (%2). El agente siguiente inicia sesión aquí; la ventana y la cola del vestíbulo siguen abiertas.</translation>
    </message>
    <message>
        <source>Next agent&apos;s user name</source>
        <translation>Nombre de usuario del agente siguiente</translation>
    </message>
    <message>
        <source>Next agent&apos;s password</source>
        <translation>Contraseña del agente siguiente</translation>
    </message>
    <message>
        <source>Switch to the next agent</source>
        <translation>Cambiar al agente siguiente</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel the switch</source>
        <translation>Cancelar el cambio</translation>
    </message>
    <message>
        <source>&amp;Next agent:</source>
        <translation>&amp;Agente siguiente:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Enter the next agent&apos;s user name and password.</source>
        <translation>Escriba el nombre de usuario y la contraseña del agente siguiente.</translation>
    </message>
    <message>
        <source>Enter the next agent&apos;s name.</source>
        <translation>Escriba el nombre del agente siguiente.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
</context>
<context>
    <name>civicdesk::SyncClient</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>El servidor no respondió a tiempo.</translation>
    </message>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>No se puede acceder al servidor: %1</translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation>%1 de %2 bytes</translation>
    </message>
</context>
<context>
    <name>civicdesk::SyncController</name>
    <message>
        <source>Your session with the central store has ended. Enter your password again; the work not yet synced is kept on this workstation.</source>
        <translation>Su sesión con el almacén central terminó. Vuelva a escribir su contraseña; el trabajo aún no sincronizado se conserva en esta estación de trabajo.</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>Sincroni&amp;zación</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Iniciar sesión…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <source>&amp;Refused changes…</source>
        <translation>Cambios &amp;rechazados…</translation>
    </message>
    <message>
        <source>Central store &amp;settings…</source>
        <translation>Con&amp;figuración del almacén central…</translation>
    </message>
    <message>
        <source>This window works for %1. To sign in as %2, restart CivicDesk.</source>
        <translation>Esta ventana trabaja con la sesión de %1. Para iniciar sesión como %2, reinicie CivicDesk.</translation>
    </message>
    <message>
        <source>Central store</source>
        <translation>Almacén central</translation>
    </message>
    <message>
        <source>CivicDesk will run standalone from the next start.</source>
        <translation>CivicDesk funcionará en modo independiente a partir del próximo inicio.</translation>
    </message>
    <message>
        <source>CivicDesk will sync with %1 from the next start.</source>
        <translation>CivicDesk se sincronizará con %1 a partir del próximo inicio.</translation>
    </message>
    <message>
        <source>Standalone: working on this workstation&apos;s store (no server configured)</source>
        <translation>Modo independiente: almacén local de este puesto (sin servidor configurado)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>1 change waiting</source>
        <translation>1 cambio pendiente</translation>
    </message>
    <message>
        <source>%1 changes waiting</source>
        <translation>%1 cambios pendientes</translation>
    </message>
    <message>
        <source>Signed out: working on this workstation · %1</source>
        <translation>Sesión cerrada: se trabaja en esta estación de trabajo · %1</translation>
    </message>
    <message>
        <source>Connecting… · %1 · last sync %2</source>
        <translation>Conectando… · %1 · última sincronización: %2</translation>
    </message>
    <message>
        <source>Online · %1 · last sync %2</source>
        <translation>En línea · %1 · última sincronización: %2</translation>
    </message>
    <message>
        <source>Offline: working on this workstation · %1 · last sync %2</source>
        <translation>Sin conexión: se trabaja en esta estación de trabajo · %1 · última sincronización: %2</translation>
    </message>
    <message>
        <source>Signed out: sign in to sync · %1 kept on this workstation</source>
        <translation>Sesión cerrada: inicie sesión para sincronizar · %1 en esta estación de trabajo</translation>
    </message>
    <message>
        <source>1 change refused (Sync ▸ Refused changes)</source>
        <translation>1 cambio rechazado (Sincronización ▸ Cambios rechazados)</translation>
    </message>
    <message>
        <source>%1 changes refused (Sync ▸ Refused changes)</source>
        <translation>%1 cambios rechazados (Sincronización ▸ Cambios rechazados)</translation>
    </message>
    <message>
        <source>&amp;Find requests in the central store…</source>
        <translation>&amp;Buscar solicitudes en el almacén central…</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>Último problema: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::SyncSettingsDialog</name>
    <message>
        <source>Central store</source>
        <translation>Almacén central</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>Dirección del &amp;servidor:</translation>
    </message>
    <message>
        <source>Leave empty to run standalone on this workstation&apos;s store. The change takes effect at the next start.</source>
        <translation>Déjelo vacío para trabajar en modo independiente con el almacén local de esta estación de trabajo. El cambio se aplica en el próximo inicio.</translation>
    </message>
    <message>
        <source>Enter an http or https address, e.g. https://311.example.org.</source>
        <translation>Escriba una dirección http o https, p. ej. https://311.example.org.</translation>
    </message>
</context>
<context>
    <name>civicdesk::TeamsPanel</name>
    <message>
        <source>Agents and their teams; Enter edits the selected agent&apos;s</source>
        <translation>Agentes y sus equipos; Intro edita el del agente seleccionado</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Agent to put into a team</source>
        <translation>Agente que se pone en un equipo</translation>
    </message>
    <message>
        <source>Team (empty: no team)</source>
        <translation>Equipo (vacío: ningún equipo)</translation>
    </message>
    <message>
        <source>no team</source>
        <translation>ningún equipo</translation>
    </message>
    <message>
        <source>Put the agent into the team</source>
        <translation>Poner al agente en el equipo</translation>
    </message>
    <message>
        <source>%1 is in no team now.</source>
        <translation>%1 ya no está en ningún equipo.</translation>
    </message>
    <message>
        <source>%1 is in the team %2 now.</source>
        <translation>%1 está ahora en el equipo %2.</translation>
    </message>
    <message>
        <source>Set &amp;team</source>
        <translation>Fija&amp;r equipo</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>A&amp;gente:</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>Eq&amp;uipo:</translation>
    </message>
</context>
<context>
    <name>civicdesk::TelephonySettingsDialog</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>Pro&amp;bar la conexión</translation>
    </message>
    <message>
        <source>Phone settings</source>
        <translation>Ajustes del teléfono</translation>
    </message>
    <message>
        <source>No phone: type the caller&apos;s number by hand</source>
        <translation>Sin teléfono: escribir a mano el número de quien llama</translation>
    </message>
    <message>
        <source>baresip softphone (its ctrl_tcp module)</source>
        <translation>Teléfono por software baresip (su módulo ctrl_tcp)</translation>
    </message>
    <message>
        <source>Call-event bridge on a port of this computer</source>
        <translation>Puente de eventos de llamada en un puerto de este equipo</translation>
    </message>
    <message>
        <source>Call-event bridge on a local socket file</source>
        <translation>Puente de eventos de llamada en un archivo de socket local</translation>
    </message>
    <message>
        <source>Test the connection to the phone</source>
        <translation>Probar la conexión con el teléfono</translation>
    </message>
    <message>
        <source>Phone &amp;link:</source>
        <translation>&amp;Conexión del teléfono:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>Socket &amp;file:</source>
        <translation>&amp;Archivo del socket:</translation>
    </message>
    <message>
        <source>&amp;Area code:</source>
        <translation>Código de á&amp;rea:</translation>
    </message>
    <message>
        <source>The area code completes a caller&apos;s 7-digit number. The desk connects with the new settings as soon as you press OK.</source>
        <translation>El código de área completa el número de 7 dígitos de quien llama. El puesto se conecta con los nuevos ajustes en cuanto pulse Aceptar.</translation>
    </message>
    <message>
        <source>Save the phone settings</source>
        <translation>Guardar los ajustes del teléfono</translation>
    </message>
    <message>
        <source>Cancel, keep the settings</source>
        <translation>Cancelar y conservar los ajustes</translation>
    </message>
    <message>
        <source>The saved setting could not be read: %1</source>
        <translation>No se pudo leer el ajuste guardado: %1</translation>
    </message>
    <message>
        <source>No phone is chosen: there is nothing to test.</source>
        <translation>No se eligió ningún teléfono: no hay nada que probar.</translation>
    </message>
    <message>
        <source>Enter the host the phone listens on: 127.0.0.1 when it runs on this computer, or its name or address.</source>
        <translation>Escriba el servidor en el que escucha el teléfono: 127.0.0.1 si funciona en este equipo, o su nombre o dirección.</translation>
    </message>
    <message>
        <source>Enter the port from 1 to 65535 that baresip&apos;s ctrl_tcp listens on (ctrl_tcp_listen in its config; 4444 unless changed).</source>
        <translation>Escriba el puerto, de 1 a 65535, en el que escucha ctrl_tcp de baresip (ctrl_tcp_listen en su configuración; 4444 si no se cambió).</translation>
    </message>
    <message>
        <source>Enter the port from 1 to 65535 that the bridge listens on (the example bridge uses 5070).</source>
        <translation>Escriba el puerto, de 1 a 65535, en el que escucha el puente (el puente de ejemplo usa 5070).</translation>
    </message>
    <message>
        <source>Enter the full path of the bridge&apos;s socket file, starting with / (for example /run/user/1000/civicdesk-cti.sock).</source>
        <translation>Escriba la ruta completa del archivo de socket del puente, empezando por / (por ejemplo /run/user/1000/civicdesk-cti.sock).</translation>
    </message>
    <message>
        <source>The desk is connected to %1 now: calls pop up.</source>
        <translation>El puesto está conectado ahora con %1: las llamadas aparecen.</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation>Probando la conexión con %1…</translation>
    </message>
</context>
<context>
    <name>civicdesk::TicketSlip</name>
    <message>
        <source>Your ticket number</source>
        <translation>Su número de turno</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <source>Taken at %1</source>
        <translation>Emitido: %1</translation>
    </message>
    <message>
        <source>People ahead of you: %1</source>
        <translation>Personas delante de usted: %1</translation>
    </message>
    <message>
        <source>Expected wait: about %1 minutes</source>
        <translation>Espera prevista: unos %1 minutos</translation>
    </message>
    <message>
        <source>Please wait until your number appears on the screen with the counter to go to.</source>
        <translation>Espere hasta que su número aparezca en la pantalla con la ventanilla a la que debe acudir.</translation>
    </message>
    <message>
        <source>You will be called shortly</source>
        <translation>Le llamarán en breve</translation>
    </message>
</context>
<context>
    <name>civicdesk::TimelineModel</name>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>Opened (imported from the city&apos;s records)</source>
        <translation>Abierta (importada de los registros de la ciudad)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>Created, reported by %1</source>
        <translation>Creada, reportada por %1</translation>
    </message>
    <message>
        <source>%1 changed: %2 → %3</source>
        <translation>Cambio en %1: %2 → %3</translation>
    </message>
    <message>
        <source>Reopened: %1</source>
        <translation>Reabierta: %1</translation>
    </message>
    <message>
        <source>Status: %1 → %2 (%3)</source>
        <translation>Estado: %1 → %2 (%3)</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Estado: %1 → %2</translation>
    </message>
    <message>
        <source>Public note: %1</source>
        <translation>Nota pública: %1</translation>
    </message>
    <message>
        <source>Internal note: %1</source>
        <translation>Nota interna: %1</translation>
    </message>
    <message>
        <source>Caller attached (reported the same problem): %1</source>
        <translation>Persona agregada (reportó el mismo problema): %1</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anónima</translation>
    </message>
    <message>
        <source>Target date: %1</source>
        <translation>Fecha objetivo: %1</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>Cerrada: %1</translation>
    </message>
    <message>
        <source>City records</source>
        <translation>Registros de la ciudad</translation>
    </message>
    <message>
        <source>%1 (workstation %2)</source>
        <translation>%1 (estación de trabajo %2)</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Estación de trabajo</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué sucedió</translation>
    </message>
    <message>
        <source>Duplicate linked: %1 reports the same problem</source>
        <translation>Duplicada vinculada: %1 reporta el mismo problema</translation>
    </message>
    <message>
        <source>Linked as a duplicate of %1</source>
        <translation>Vinculada como duplicada de %1</translation>
    </message>
    <message>
        <source>Duplicate unlinked: %1</source>
        <translation>Duplicada desvinculada: %1</translation>
    </message>
    <message>
        <source>Unlinked: no longer a duplicate of %1</source>
        <translation>Desvinculada: ya no es duplicada de %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Callback to %1 by %2</source>
        <translation>Devolución de llamada a %1 a más tardar el %2</translation>
    </message>
    <message>
        <source>Callback to %1 by %2: %3</source>
        <translation>Devolución de llamada a %1 a más tardar el %2: %3</translation>
    </message>
    <message>
        <source>Callback done: %1</source>
        <translation>Devolución de llamada realizada: %1</translation>
    </message>
    <message>
        <source>Callback done: %1 (%2)</source>
        <translation>Devolución de llamada realizada: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>civicdesk::TraineeReportDialog</name>
    <message>
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Critical failures</source>
        <translation>Fallos críticos</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Puntuaciones</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Mejor</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Superado</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Met, all calls</source>
        <translation>Cumplido, todas las llamadas</translation>
    </message>
    <message>
        <source>Met, last %1</source>
        <translation>Cumplido, últimas %1</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Exportar &amp;CSV…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Guardar &amp;PDF…</translation>
    </message>
    <message>
        <source>Trainee report</source>
        <translation>Informe de formación</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Persona en formación</translation>
    </message>
    <message>
        <source>Practice calls</source>
        <translation>Llamadas de práctica</translation>
    </message>
    <message>
        <source>Progress by scenario</source>
        <translation>Progreso por escenario</translation>
    </message>
    <message>
        <source>Progress by criterion</source>
        <translation>Progreso por criterio</translation>
    </message>
    <message>
        <source>Report parts</source>
        <translation>Partes del informe</translation>
    </message>
    <message>
        <source>&amp;Scenarios</source>
        <translation>&amp;Escenarios</translation>
    </message>
    <message>
        <source>C&amp;riteria</source>
        <translation>C&amp;riterios</translation>
    </message>
    <message>
        <source>&amp;Every call</source>
        <translation>&amp;Todas las llamadas</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Scenarios passed</source>
        <translation>Escenarios superados</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Puntuación media</translation>
    </message>
    <message>
        <source>Last call</source>
        <translation>Última llamada</translation>
    </message>
    <message>
        <source>The whole class</source>
        <translation>Todo el grupo</translation>
    </message>
    <message>
        <source>Cl&amp;ass</source>
        <translation>&amp;Grupo</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Export the calls as CSV</source>
        <translation>Exportar las llamadas como CSV</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Guardar el informe como PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the report</source>
        <translation>Cerrar el informe</translation>
    </message>
    <message>
        <source>&amp;Trainee:</source>
        <translation>Persona en &amp;formación:</translation>
    </message>
    <message>
        <source>Practice calls: %1 · scenarios passed: %2 of %3 · average score: %4 · not passed yet: %5</source>
        <translation>Llamadas de práctica: %1 · escenarios superados: %2 de %3 · puntuación media: %4 · aún sin superar: %5</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <source>%1 (pass %2)</source>
        <translation>%1 (aprobado con %2)</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>superada</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>no superada</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>The CSV cannot be written to %1: %2</source>
        <translation>No se puede escribir el CSV en %1: %2</translation>
    </message>
    <message>
        <source>The CSV could not be written to %1: %2</source>
        <translation>No se pudo escribir el CSV en %1: %2</translation>
    </message>
    <message>
        <source>Export practice calls</source>
        <translation>Exportar llamadas de práctica</translation>
    </message>
    <message>
        <source>practice-%1.csv</source>
        <translation>practica-%1.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save practice report</source>
        <translation>Guardar informe de práctica</translation>
    </message>
    <message>
        <source>practice-report-%1.pdf</source>
        <translation>informe-practica-%1.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Guardado en %1.</translation>
    </message>
    <message>
        <source>not yet (critical failure)</source>
        <translation>todavía no (fallo crítico)</translation>
    </message>
</context>
<context>
    <name>civicdesk::TypePicker</name>
    <message>
        <source>Request &amp;type:</source>
        <translation>&amp;Tipo de solicitud:</translation>
    </message>
    <message>
        <source>Search request types</source>
        <translation>Buscar tipo de solicitud</translation>
    </message>
    <message>
        <source>Type a name or keyword, e.g. pothole, trash, rodent</source>
        <translation>Escriba un nombre o una palabra clave, p. ej., pothole, trash, rodent</translation>
    </message>
    <message>
        <source>Request types</source>
        <translation>Tipos de solicitud</translation>
    </message>
    <message>
        <source>Request type details</source>
        <translation>Detalles del tipo de solicitud</translation>
    </message>
    <message>
        <source>&lt;p&gt;No request type matches. Try another word, or pick &lt;i&gt;General request&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ningún tipo de solicitud coincide. Pruebe con otra palabra o elija &lt;i&gt;General request&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Departamento:</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>sin asignar</translation>
    </message>
    <message>
        <source>Service level:</source>
        <translation>Nivel de servicio:</translation>
    </message>
    <message>
        <source>(from the city&apos;s past target dates)</source>
        <translation>(según las fechas objetivo anteriores de la ciudad)</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n pregunta</numerusform>
            <numerusform>%n preguntas</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter to start this request</source>
        <translation>Intro para iniciar esta solicitud</translation>
    </message>
    <message>
        <source>City&apos;s name: %1</source>
        <translation>Nombre de la ciudad: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::VisitorText</name>
    <message>
        <source>TRAINING — practice only: nothing here was sent to the city and no request exists</source>
        <translation>CAPACITACIÓN — solo práctica: nada de esto se envió a la ciudad y no existe ninguna solicitud</translation>
    </message>
</context>
<context>
    <name>civicdesk::Wallboard</name>
    <message>
        <source>CivicDesk wallboard</source>
        <translation>Panel mural de CivicDesk</translation>
    </message>
    <message>
        <source>Wallboard</source>
        <translation>Panel mural</translation>
    </message>
    <message>
        <source>Contacts today</source>
        <translation>Contactos de hoy</translation>
    </message>
    <message>
        <source>Service requests</source>
        <translation>Solicitudes de servicio</translation>
    </message>
    <message>
        <source>Overdue requests by department</source>
        <translation>Solicitudes vencidas por departamento</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Average handle time</source>
        <translation>Tiempo medio de atención</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferidos</translation>
    </message>
    <message>
        <source>Answered with information</source>
        <translation>Atendidos con información</translation>
    </message>
    <message>
        <source>Resolved at first contact</source>
        <translation>Resuelto en el primer contacto</translation>
    </message>
    <message>
        <source>Agents asking for a supervisor</source>
        <translation>Agentes que piden un supervisor</translation>
    </message>
    <message>
        <source>Requests opened</source>
        <translation>Solicitudes abiertas hoy</translation>
    </message>
    <message>
        <source>Closed within SLA</source>
        <translation>Cerradas dentro del SLA</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Solicitudes abiertas</translation>
    </message>
    <message>
        <source>Overdue requests</source>
        <translation>Solicitudes vencidas</translation>
    </message>
    <message numerus="yes">
        <source>Due within %n hour(s)</source>
        <translation>
            <numerusform>Vencen en %n hora</numerusform>
            <numerusform>Vencen en %n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>No department</source>
        <translation>Sin departamento</translation>
    </message>
    <message>
        <source>Phone system today</source>
        <translation>Centralita hoy</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Calls offered (phone system)</source>
        <translation>Llamadas ofrecidas (centralita)</translation>
    </message>
    <message>
        <source>Answered within %1 s</source>
        <translation>Atendidas en %1 s</translation>
    </message>
    <message>
        <source>Answered within the threshold</source>
        <translation>Atendidas dentro del umbral</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonadas</translation>
    </message>
    <message>
        <source>Average speed of answer</source>
        <translation>Velocidad media de respuesta</translation>
    </message>
    <message>
        <source>Lobby today</source>
        <translation>Vestíbulo hoy</translation>
    </message>
    <message>
        <source>Lobby visitors</source>
        <translation>Visitantes del vestíbulo</translation>
    </message>
    <message>
        <source>Still in the lobby</source>
        <translation>Aún en el vestíbulo</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Espera media</translation>
    </message>
    <message>
        <source>Wait, 90th percentile</source>
        <translation>Espera, percentil 90</translation>
    </message>
    <message>
        <source>Average time at the counter</source>
        <translation>Tiempo medio en la ventanilla</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Ausentes</translation>
    </message>
    <message>
        <source>Today in %1 · updated %2 local time</source>
        <translation>Hoy en %1 · actualizado a las %2, hora local</translation>
    </message>
</context>
<context>
    <name>civicdesk::WrapUpBox</name>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Resultado:</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Transferred to</source>
        <translation>Transferido a</translation>
    </message>
    <message>
        <source>Transferred to (department and number)</source>
        <translation>Transferido a (departamento y número)</translation>
    </message>
    <message>
        <source>Wrap-up notes</source>
        <translation>Notas de cierre</translation>
    </message>
    <message>
        <source>Finish contact</source>
        <translation>Finalizar contacto</translation>
    </message>
    <message>
        <source>— choose how the contact ended —</source>
        <translation>— elija cómo terminó el contacto —</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Información proporcionada</translation>
    </message>
    <message>
        <source>Service request created</source>
        <translation>Solicitud de servicio creada</translation>
    </message>
    <message>
        <source>Caller attached to an existing request</source>
        <translation>Persona agregada a una solicitud existente</translation>
    </message>
    <message>
        <source>Warm transfer</source>
        <translation>Transferencia asistida</translation>
    </message>
    <message>
        <source>Cold transfer</source>
        <translation>Transferencia directa</translation>
    </message>
    <message>
        <source>Complaint or comment</source>
        <translation>Queja o comentario</translation>
    </message>
    <message>
        <source>Caller hung up</source>
        <translation>La persona colgó</translation>
    </message>
    <message>
        <source>Referred elsewhere</source>
        <translation>Derivado a otra entidad</translation>
    </message>
    <message>
        <source>Transferred to:</source>
        <translation>Transferido a:</translation>
    </message>
    <message>
        <source>&amp;Wrap-up notes:</source>
        <translation>Notas de cierre:</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>CivicDesk</source>
        <translation>CivicDesk</translation>
    </message>
    <message>
        <source>The city pack could not be loaded; the store is unchanged.

%1</source>
        <translation>No se pudo cargar el paquete de ciudad; el almacén local no se modificó.

%1</translation>
    </message>
    <message>
        <source>Loading the city from the central store…</source>
        <translation>Cargando la ciudad desde el almacén central…</translation>
    </message>
    <message>
        <source>Stop (resume later)</source>
        <translation>Detener (continuar más tarde)</translation>
    </message>
    <message>
        <source>CivicDesk: first sync</source>
        <translation>CivicDesk: primera sincronización</translation>
    </message>
    <message>
        <source>Loading the city from the central store: %1 (%2 of %3 rows)</source>
        <translation>Cargando la ciudad desde el almacén central: %1 (%2 de %3 filas)</translation>
    </message>
    <message>
        <source>Waiting for the central store: %1</source>
        <translation>Esperando al almacén central: %1</translation>
    </message>
    <message>
        <source>The first sync was stopped; it resumes at the next start.</source>
        <translation>La primera sincronización se detuvo; continuará en el próximo inicio.</translation>
    </message>
    <message>
        <source>This workstation has no city yet: sign in once so it can load the city from the central store %1.</source>
        <translation>Esta estación de trabajo aún no tiene ninguna ciudad: inicie sesión una vez para que pueda cargar la ciudad desde el almacén central %1.</translation>
    </message>
    <message>
        <source>The wallboard is for supervisors and admins; %1 works as %2.</source>
        <translation>El panel mural es para supervisores y administradores; %1 trabaja como %2.</translation>
    </message>
</context>
</TS>
