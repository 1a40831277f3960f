<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
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
        <source>Only a supervisor can change a published article; withdraw it to a draft to revise it.</source>
        <translation>Solo un supervisor puede modificar un artículo publicado; retírelo a borrador para revisarlo.</translation>
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
        <source>line %1: street_name is empty</source>
        <translation>línea %1: street_name está vacío</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>línea %1: %2</translation>
    </message>
    <message>
        <source>line %1: intersection is empty</source>
        <translation>línea %1: intersection está vacío</translation>
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
        <source>%1 &quot;%2&quot; is not a date in the form %3</source>
        <translation>%1 &quot;%2&quot; no es una fecha con el formato %3</translation>
    </message>
    <message>
        <source>a target or closing date is not in the form %1</source>
        <translation>una fecha objetivo o de cierre no tiene el formato %1</translation>
    </message>
    <message>
        <source>status &quot;%1&quot; is neither Open nor Closed</source>
        <translation>el estado &quot;%1&quot; no es ni Open ni Closed</translation>
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
        <source>&quot;language&quot; must be en or es</source>
        <translation>&quot;language&quot; debe ser en o es</translation>
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
        <source>%1: line %2: language must be en or es and the term not empty</source>
        <translation>%1: línea %2: el idioma debe ser en o es y el término no puede estar vacío</translation>
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
        <source>&quot;name&quot; is missing</source>
        <translation>falta &quot;name&quot;</translation>
    </message>
    <message>
        <source>&quot;center&quot; needs lat and lon in degrees</source>
        <translation>&quot;center&quot; necesita lat y lon en grados</translation>
    </message>
    <message>
        <source>&quot;catalogue.services&quot; is missing</source>
        <translation>falta &quot;catalogue.services&quot;</translation>
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
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>a quoted field opened on line %1 is never closed</source>
        <translation>un campo entre comillas abierto en la línea %1 nunca se cierra</translation>
    </message>
    <message>
        <source>line %1: a quote inside an unquoted field</source>
        <translation>línea %1: comillas dentro de un campo sin comillas</translation>
    </message>
    <message>
        <source>line %1: text after a closing quote</source>
        <translation>línea %1: texto después de las comillas de cierre</translation>
    </message>
    <message>
        <source>line %1: %2 fields where the header has %3</source>
        <translation>línea %1: %2 campos, pero el encabezado tiene %3</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>el archivo está vacío</translation>
    </message>
    <message>
        <source>line 1: missing column(s) %1</source>
        <translation>línea 1: falta(n) la(s) columna(s) %1</translation>
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
    <name>IntakeService</name>
    <message>
        <source>Say where the call was transferred to.</source>
        <translation>Indique a dónde se transfirió la llamada.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number: give 10 digits, such as (617) 555-0100.</source>
        <translation>&quot;%1&quot; no es un número de teléfono: escriba 10 dígitos, como (617) 555-0100.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>&quot;%1&quot; no es una dirección de correo electrónico.</translation>
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
</context>
<context>
    <name>Open311Api</name>
    <message>
        <source>Only the JSON format is supported: use .json.</source>
        <translation>Solo se admite el formato JSON: use .json.</translation>
    </message>
    <message>
        <source>No service with code &quot;%1&quot;.</source>
        <translation>No hay ningún servicio con el código &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Service &quot;%1&quot; has no definition (metadata is false).</source>
        <translation>El servicio &quot;%1&quot; no tiene definición (metadata es false).</translation>
    </message>
    <message>
        <source>start_date and end_date must be ISO 8601 times, e.g. 2015-06-01T00:00:00Z.</source>
        <translation>start_date y end_date deben ser fechas ISO 8601, p. ej. 2015-06-01T00:00:00Z.</translation>
    </message>
    <message>
        <source>start_date is after end_date.</source>
        <translation>start_date es posterior a end_date.</translation>
    </message>
    <message>
        <source>status must be open or closed.</source>
        <translation>status debe ser open o closed.</translation>
    </message>
    <message>
        <source>No request with id &quot;%1&quot;.</source>
        <translation>No hay ninguna solicitud con el id &quot;%1&quot;.</translation>
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
    <name>ServerOptions</name>
    <message>
        <source>civicdesk-server, the central store of CivicDesk: Open311 GeoReport v2 for web, mobile and open-data clients (and, next, the sync API for workstations).</source>
        <translation>civicdesk-server, el almacén central de CivicDesk: Open311 GeoReport v2 para clientes web, móviles y de datos abiertos (y, próximamente, la API de sincronización para las estaciones de trabajo).</translation>
    </message>
    <message>
        <source>Address and port to listen on (default 127.0.0.1:8311; port 0 picks a free one). Put nginx in front for TLS.</source>
        <translation>Dirección y puerto de escucha (predeterminado 127.0.0.1:8311; el puerto 0 elige uno libre). Ponga nginx delante para TLS.</translation>
    </message>
    <message>
        <source>The store: an SQLite file path (default: civicdesk-server.sqlite in the data folder). PostgreSQL URLs (postgresql://user:password@host:port/dbname) are not supported by this version yet.</source>
        <translation>El almacén: la ruta de un archivo SQLite (predeterminado: civicdesk-server.sqlite en la carpeta de datos). Esta versión todavía no admite URL de PostgreSQL (postgresql://usuario:contraseña@host:puerto/base).</translation>
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
        <source>PostgreSQL is not supported by this version of civicdesk-server yet; give an SQLite file path.</source>
        <translation>Esta versión de civicdesk-server todavía no admite PostgreSQL; indique la ruta de un archivo SQLite.</translation>
    </message>
    <message>
        <source>--import-city: &quot;%1&quot; is not a folder.</source>
        <translation>--import-city: &quot;%1&quot; no es una carpeta.</translation>
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
        <source>must be en or es</source>
        <translation>debe ser en o es</translation>
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
        <source>Why (kept in the history with the move)</source>
        <translation>Motivo (se guarda en el historial junto con el cambio)</translation>
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
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
</context>
<context>
    <name>civicdesk::HistoryPanel</name>
    <message>
        <source>Fi&amp;nd:</source>
        <translation>&amp;Buscar:</translation>
    </message>
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
        <source>&amp;Caller (%1)</source>
        <translation>&amp;Persona que llama (%1)</translation>
    </message>
    <message>
        <source>&amp;Location (%1)</source>
        <translation>Ubicac&amp;ión (%1)</translation>
    </message>
    <message>
        <source>&amp;My contacts (%1)</source>
        <translation>&amp;Mis contactos (%1)</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>Bús&amp;queda</translation>
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
</context>
<context>
    <name>civicdesk::HistorySearchView</name>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>Caller&apos;s phone</source>
        <translation>Teléfono de la persona que llama</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>Tip&amp;o:</translation>
    </message>
    <message>
        <source>Type name or code</source>
        <translation>Nombre o código del tipo</translation>
    </message>
    <message>
        <source>Opened &amp;from:</source>
        <translation>Abierta de&amp;sde:</translation>
    </message>
    <message>
        <source>t&amp;o:</source>
        <translation>&amp;hasta:</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>cualquier fecha</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
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
        <source>Request &amp;types:</source>
        <translation>&amp;Tipos de solicitud:</translation>
    </message>
    <message>
        <source>Tick the types to count; none ticked counts every type.</source>
        <translation>Marque los tipos que desea contar; si no marca ninguno, se cuentan todos.</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>C&amp;ell size:</source>
        <translation>Tamaño de c&amp;elda:</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>&amp;Show hot spots</source>
        <translation>&amp;Mostrar zonas críticas</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Limpiar</translation>
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
        <source>Request &amp;type:</source>
        <translation>&amp;Tipo de solicitud:</translation>
    </message>
    <message>
        <source>Type a name or keyword, e.g. pothole, trash, rodent</source>
        <translation>Escriba un nombre o una palabra clave, p. ej., pothole, trash, rodent</translation>
    </message>
    <message>
        <source>Search request types</source>
        <translation>Buscar tipos de solicitud</translation>
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
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona que llama</translation>
    </message>
    <message>
        <source>&amp;Description (what the caller sees or needs)</source>
        <translation>&amp;Descripción (lo que la persona ve o necesita)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>Ubicac&amp;ión</translation>
    </message>
    <message>
        <source>Open requests of this type nearby</source>
        <translation>Solicitudes abiertas de este tipo cerca</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>E&amp;mail:</source>
        <translation>Corr&amp;eo electrónico:</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Idio&amp;ma:</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Resultado:</translation>
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
        <source>Phone, e.g. (617) 555-0100</source>
        <translation>Teléfono, p. ej. (617) 555-0100</translation>
    </message>
    <message>
        <source>Caller phone</source>
        <translation>Teléfono de la persona que llama</translation>
    </message>
    <message>
        <source>Name (leave empty for an anonymous caller)</source>
        <translation>Nombre (déjelo vacío si la persona es anónima)</translation>
    </message>
    <message>
        <source>Caller name</source>
        <translation>Nombre de la persona que llama</translation>
    </message>
    <message>
        <source>Caller email</source>
        <translation>Correo electrónico de la persona que llama</translation>
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
        <source>Caller&apos;s language</source>
        <translation>Idioma de la persona que llama</translation>
    </message>
    <message>
        <source>Callers found</source>
        <translation>Personas encontradas</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Attach the caller to the selected request (Ctrl+D)</source>
        <translation>Agregar a la persona a la solicitud seleccionada (Ctrl+D)</translation>
    </message>
    <message>
        <source>Submit request (Ctrl+Enter)</source>
        <translation>Enviar solicitud (Ctrl+Intro)</translation>
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
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Transferred to (department and number)</source>
        <translation>Transferido a (departamento y número)</translation>
    </message>
    <message>
        <source>Transfer destination</source>
        <translation>Destino de la transferencia</translation>
    </message>
    <message>
        <source>Wrap-up notes</source>
        <translation>Notas de cierre</translation>
    </message>
    <message>
        <source>Finish contact</source>
        <translation>Finalizar contacto</translation>
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
        <source>EMERGENCY — do not take a request. %1</source>
        <translation>EMERGENCIA: no tome una solicitud. %1</translation>
    </message>
    <message>
        <source>Confidential type: do not take the caller&apos;s name, phone or email. Nothing identifying the caller is stored with this request.</source>
        <translation>Tipo confidencial: no pida el nombre, el teléfono ni el correo de la persona. Con esta solicitud no se guarda nada que la identifique.</translation>
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
        <source>New caller: saved with the request.</source>
        <translation>Persona nueva: se guarda con la solicitud.</translation>
    </message>
    <message>
        <source>Returning caller: %1</source>
        <translation>Persona que ya ha llamado: %1</translation>
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
        <source>Caller added to existing request &lt;b&gt;%1&lt;/b&gt;. Read it back to the caller.</source>
        <translation>Persona agregada a la solicitud existente &lt;b&gt;%1&lt;/b&gt;. Léale el número.</translation>
    </message>
    <message>
        <source>Choose a request type first (Ctrl+1).</source>
        <translation>Primero elija un tipo de solicitud (Ctrl+1).</translation>
    </message>
    <message>
        <source>Some answers need attention; see the messages under the fields.</source>
        <translation>Algunas respuestas necesitan revisión; vea los mensajes bajo los campos.</translation>
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
    <message>
        <source>A contact is already running; end it first (Ctrl+E).</source>
        <translation>Ya hay un contacto en curso; termínelo primero (Ctrl+E).</translation>
    </message>
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
    <message>
        <source>Your work could not be saved as a draft: %1</source>
        <translation>No se pudo guardar su trabajo como borrador: %1</translation>
    </message>
    <message>
        <source>Restored unsaved work from %1.</source>
        <translation>Se recuperó el trabajo sin guardar de %1.</translation>
    </message>
    <message>
        <source>Transfe&amp;rred to:</source>
        <translation>Trans&amp;ferido a:</translation>
    </message>
    <message>
        <source>Wrap-&amp;up notes:</source>
        <translation>N&amp;otas de cierre:</translation>
    </message>
    <message>
        <source>The request type %1 is not in the catalogue.</source>
        <translation>El tipo de solicitud %1 no está en el catálogo.</translation>
    </message>
    <message>
        <source>Contact &amp;by:</source>
        <translation>Cómo contactar&amp;le:</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Llamada telefónica</translation>
    </message>
    <message>
        <source>No follow-up wanted</source>
        <translation>No desea seguimiento</translation>
    </message>
    <message>
        <source>How the caller wants to be contacted</source>
        <translation>Cómo desea que la contacten</translation>
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
        <source>&amp;Search the knowledge base:</source>
        <translation>Bu&amp;scar en la base de conocimiento:</translation>
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
        <source>&amp;New article</source>
        <translation>&amp;Nuevo artículo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>Review &amp;due</source>
        <translation>Pendientes de &amp;revisión</translation>
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
</context>
<context>
    <name>civicdesk::MainWindow</name>
    <message>
        <source>CivicDesk</source>
        <translation>CivicDesk</translation>
    </message>
    <message>
        <source>CivicDesk — %1</source>
        <translation>CivicDesk — %1</translation>
    </message>
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
        <translation>&amp;Archivo</translation>
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
        <translation>Ay&amp;uda</translation>
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
        <source>Agent: %1</source>
        <translation>Agente: %1</translation>
    </message>
    <message>
        <source>Standalone: working on this workstation&apos;s store (no server configured)</source>
        <translation>Modo independiente: se trabaja con el almacén local de esta estación de trabajo (no hay servidor configurado)</translation>
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
        <translation>Base de con&amp;ocimiento</translation>
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
        <source>T&amp;ype:</source>
        <translation>Ti&amp;po:</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Departamento:</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Todos los departamentos</translation>
    </message>
    <message>
        <source>Opened &amp;from:</source>
        <translation>Abierta &amp;desde:</translation>
    </message>
    <message>
        <source>&amp;to:</source>
        <translation>&amp;hasta:</translation>
    </message>
    <message>
        <source>&amp;Pick on map</source>
        <translation>&amp;Elegir en el mapa</translation>
    </message>
    <message>
        <source>Moves the keyboard into the map: arrow keys move the crosshair (Shift for bigger steps), Enter picks the nearest address, + and - zoom. Clicking the map picks too.</source>
        <translation>Lleva el teclado al mapa: las flechas mueven la cruz (Mayús para pasos más grandes), Intro elige la dirección más cercana, + y - cambian el zoom. También puede hacer clic en el mapa.</translation>
    </message>
    <message>
        <source>&amp;Tile server (optional, for cities that run one): an address with {z}, {x} and {y}. Leave empty to draw the map from the city&apos;s own layers, with nothing fetched from the network.</source>
        <translation>&amp;Servidor de teselas (opcional, para ciudades que tienen uno): una dirección con {z}, {x} y {y}. Déjelo vacío para dibujar el mapa con las capas propias de la ciudad, sin descargar nada de la red.</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Aplicar</translation>
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
        <translation>Fecha de apertura</translation>
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
    <name>civicdesk::StatusReadbackBox</name>
    <message>
        <source>&amp;Status of:</source>
        <translation>&amp;Estado de:</translation>
    </message>
    <message>
        <source>Request number the caller reads out, then Enter</source>
        <translation>Número de solicitud que lee la persona que llama; luego, Intro</translation>
    </message>
    <message>
        <source>Request number for status read-back</source>
        <translation>Número de solicitud para informar el estado</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Detalles…</translation>
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
</context>
</TS>
