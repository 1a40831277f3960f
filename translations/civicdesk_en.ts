<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountStore</name>
    <message>
        <source>Not enough memory to hash the password; try again.</source>
        <translation>Not enough memory to hash the password; try again.</translation>
    </message>
    <message>
        <source>A user name is 2 to 64 characters: lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>A user name is 2 to 64 characters: lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation>A password needs at least %1 characters.</translation>
    </message>
    <message>
        <source>A password may have at most 1024 characters.</source>
        <translation>A password may have at most 1024 characters.</translation>
    </message>
    <message>
        <source>The password must not be the user name.</source>
        <translation>The password must not be the user name.</translation>
    </message>
    <message>
        <source>No user named &quot;%1&quot;.</source>
        <translation>No user named &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>A user named &quot;%1&quot; already exists; use --reset-password to change the password.</source>
        <translation>A user named &quot;%1&quot; already exists; use --reset-password to change the password.</translation>
    </message>
    <message>
        <source>Unknown user name or wrong password.</source>
        <translation>Unknown user name or wrong password.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: this account is locked for %1 seconds. Try again later or ask an administrator.</source>
        <translation>Too many failed sign-ins: this account is locked for %1 seconds. Try again later or ask an administrator.</translation>
    </message>
    <message>
        <source>This account is disabled; ask an administrator.</source>
        <translation>This account is disabled; ask an administrator.</translation>
    </message>
    <message>
        <source>An API key label is 1 to 100 characters, e.g. the name of the app or partner that will use it.</source>
        <translation>An API key label is 1 to 100 characters, e.g. the name of the app or partner that will use it.</translation>
    </message>
    <message>
        <source>An API key labelled &quot;%1&quot; exists already; revoke it first or choose another label.</source>
        <translation>An API key labelled &quot;%1&quot; exists already; revoke it first or choose another label.</translation>
    </message>
    <message>
        <source>No active API key labelled &quot;%1&quot;.</source>
        <translation>No active API key labelled &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>AdminCommands</name>
    <message>
        <source>Password: </source>
        <translation>Password: </translation>
    </message>
    <message>
        <source>added user %1 (%2)</source>
        <translation>added user %1 (%2)</translation>
    </message>
    <message>
        <source>password of %1 changed; their sessions ended</source>
        <translation>password of %1 changed; their sessions ended</translation>
    </message>
    <message>
        <source>disabled user %1</source>
        <translation>disabled user %1</translation>
    </message>
    <message>
        <source>enabled user %1</source>
        <translation>enabled user %1</translation>
    </message>
    <message>
        <source>API key for %1 (shown once; keep it secret):</source>
        <translation>API key for %1 (shown once; keep it secret):</translation>
    </message>
    <message>
        <source>revoked the API key of %1</source>
        <translation>revoked the API key of %1</translation>
    </message>
</context>
<context>
    <name>AgentTeams</name>
    <message>
        <source>Choose the agent first.</source>
        <translation>Choose the agent first.</translation>
    </message>
</context>
<context>
    <name>ApiGate</name>
    <message>
        <source>Sign in first: send &quot;Authorization: Bearer &lt;token&gt;&quot; with the token from POST /api/v1/login.</source>
        <translation>Sign in first: send &quot;Authorization: Bearer &lt;token&gt;&quot; with the token from POST /api/v1/login.</translation>
    </message>
    <message>
        <source>The token is unknown, expired or signed out; sign in again.</source>
        <translation>The token is unknown, expired or signed out; sign in again.</translation>
    </message>
</context>
<context>
    <name>ArticleLifecycle</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>An article cannot go from &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>An article cannot go from &quot;%1&quot; to &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Only a supervisor can move an article from &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>Only a supervisor can move an article from &quot;%1&quot; to &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Only editors and supervisors can change articles.</source>
        <translation>Only editors and supervisors can change articles.</translation>
    </message>
    <message>
        <source>An archived article cannot be changed; restore it as a draft first.</source>
        <translation>An archived article cannot be changed; restore it as a draft first.</translation>
    </message>
    <message>
        <source>Only a supervisor can change a published article directly; save a revision beside it instead.</source>
        <translation>Only a supervisor can change a published article directly; save a revision beside it instead.</translation>
    </message>
    <message>
        <source>Only a published article is revised beside its live version; change a draft directly.</source>
        <translation>Only a published article is revised beside its live version; change a draft directly.</translation>
    </message>
    <message>
        <source>Only a supervisor can publish a revision.</source>
        <translation>Only a supervisor can publish a revision.</translation>
    </message>
</context>
<context>
    <name>BaresipAdapter</name>
    <message>
        <source>baresip at %1:%2</source>
        <translation>baresip at %1:%2</translation>
    </message>
    <message>
        <source>The phone refused the command: %1</source>
        <translation>The phone refused the command: %1</translation>
    </message>
</context>
<context>
    <name>CallEventSocketAdapter</name>
    <message>
        <source>call-event socket %1</source>
        <translation>call-event socket %1</translation>
    </message>
    <message>
        <source>call-event socket %1:%2</source>
        <translation>call-event socket %1:%2</translation>
    </message>
    <message>
        <source>a line longer than %1 bytes</source>
        <translation>a line longer than %1 bytes</translation>
    </message>
    <message>
        <source>not a JSON object (%1)</source>
        <translation>not a JSON object (%1)</translation>
    </message>
    <message>
        <source>The phone system refused the command: %1</source>
        <translation>The phone system refused the command: %1</translation>
    </message>
    <message>
        <source>&quot;call_id&quot; must be 1 to %1 characters</source>
        <translation>&quot;call_id&quot; must be 1 to %1 characters</translation>
    </message>
    <message>
        <source>&quot;at&quot; is not an ISO 8601 time</source>
        <translation>&quot;at&quot; is not an ISO 8601 time</translation>
    </message>
    <message>
        <source>&quot;language&quot; is not a language code</source>
        <translation>&quot;language&quot; is not a language code</translation>
    </message>
    <message>
        <source>&quot;cause&quot; %1 is not one of normal, missed, busy, rejected, transferred, failed</source>
        <translation>&quot;cause&quot; %1 is not one of normal, missed, busy, rejected, transferred, failed</translation>
    </message>
    <message>
        <source>&quot;event&quot; must be offered, answered, ended or error</source>
        <translation>&quot;event&quot; must be offered, answered, ended or error</translation>
    </message>
</context>
<context>
    <name>Caller</name>
    <message>
        <source>The name is too long: at most %1 characters.</source>
        <translation>The name is too long: at most %1 characters.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number: give 10 digits, such as (617) 555-0100, or + and the country code for another country.</source>
        <translation>&quot;%1&quot; is not a phone number: give 10 digits, such as (617) 555-0100, or + and the country code for another country.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address: it looks like name@example.org.</source>
        <translation>&quot;%1&quot; is not an email address: it looks like name@example.org.</translation>
    </message>
</context>
<context>
    <name>CategoryNames</name>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>&quot;%1&quot; must be %2.</translation>
    </message>
    <message>
        <source>keyed by the catalogue&apos;s service groups, none empty</source>
        <translation>keyed by the catalogue&apos;s service groups, none empty</translation>
    </message>
    <message>
        <source>an object of names by language, e.g. {&quot;en&quot;: &quot;Animals&quot;, &quot;es&quot;: &quot;Animales&quot;}</source>
        <translation>an object of names by language, e.g. {&quot;en&quot;: &quot;Animals&quot;, &quot;es&quot;: &quot;Animales&quot;}</translation>
    </message>
    <message>
        <source>keyed by an ISO 639 language code such as en or es</source>
        <translation>keyed by an ISO 639 language code such as en or es</translation>
    </message>
    <message>
        <source>a name of 1 to %1 characters</source>
        <translation>a name of 1 to %1 characters</translation>
    </message>
</context>
<context>
    <name>CentralLog</name>
    <message>
        <source>An event id is a UUID made by the client.</source>
        <translation>An event id is a UUID made by the client.</translation>
    </message>
    <message>
        <source>entity_type must be one of: %1.</source>
        <translation>entity_type must be one of: %1.</translation>
    </message>
    <message>
        <source>entity_id must be 1 to 100 characters.</source>
        <translation>entity_id must be 1 to 100 characters.</translation>
    </message>
    <message>
        <source>actor is missing.</source>
        <translation>actor is missing.</translation>
    </message>
    <message>
        <source>device must be at most 64 characters.</source>
        <translation>device must be at most 64 characters.</translation>
    </message>
    <message>
        <source>client_time must be milliseconds since 1970.</source>
        <translation>client_time must be milliseconds since 1970.</translation>
    </message>
    <message>
        <source>Practice-mode events never reach the central store.</source>
        <translation>Practice-mode events never reach the central store.</translation>
    </message>
    <message>
        <source>Another event with this id is stored already; make a new event (with a new id) for this change.</source>
        <translation>Another event with this id is stored already; make a new event (with a new id) for this change.</translation>
    </message>
    <message>
        <source>The central store cannot keep this event: it clashes with what is stored already. Nothing of it was written; make the change again as a new event.</source>
        <translation>The central store cannot keep this event: it clashes with what is stored already. Nothing of it was written; make the change again as a new event.</translation>
    </message>
    <message>
        <source>Request number %1 belongs to another request already; give this request a new number.</source>
        <translation>Request number %1 belongs to another request already; give this request a new number.</translation>
    </message>
</context>
<context>
    <name>CityCheck</name>
    <message>
        <source>%1: no problems found (%2 services, %3 definitions, %4 articles, %5 map layers, %6 addresses, %7 intersections, %8 historical requests).</source>
        <translation>%1: no problems found (%2 services, %3 definitions, %4 articles, %5 map layers, %6 addresses, %7 intersections, %8 historical requests).</translation>
    </message>
    <message>
        <source>%1: %2 problem(s) found; nothing was written.</source>
        <translation>%1: %2 problem(s) found; nothing was written.</translation>
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
        <translation>defines &quot;%1&quot;, which is not in the service list</translation>
    </message>
    <message>
        <source>definition %1: %2</source>
        <translation>definition %1: %2</translation>
    </message>
    <message>
        <source>line %1: service_code and name are required</source>
        <translation>line %1: service_code and name are required</translation>
    </message>
    <message>
        <source>invalid GeoJSON at offset %1: %2</source>
        <translation>invalid GeoJSON at offset %1: %2</translation>
    </message>
    <message>
        <source>expected a GeoJSON FeatureCollection</source>
        <translation>expected a GeoJSON FeatureCollection</translation>
    </message>
    <message>
        <source>feature %1 has no geometry coordinates</source>
        <translation>feature %1 has no geometry coordinates</translation>
    </message>
    <message>
        <source>coordinates are not longitude/latitude degrees (EPSG:4326)</source>
        <translation>coordinates are not longitude/latitude degrees (EPSG:4326)</translation>
    </message>
    <message>
        <source>line %1: %2 &quot;%3&quot; is not a coordinate</source>
        <translation>line %1: %2 &quot;%3&quot; is not a coordinate</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>line %1: %2</translation>
    </message>
    <message>
        <source>Service catalogue</source>
        <translation>Service catalogue</translation>
    </message>
    <message>
        <source>Service definitions</source>
        <translation>Service definitions</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation>Map layers</translation>
    </message>
    <message>
        <source>Address points</source>
        <translation>Address points</translation>
    </message>
    <message>
        <source>Intersections</source>
        <translation>Intersections</translation>
    </message>
    <message>
        <source>Request history (%1)</source>
        <translation>Request history (%1)</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, line %2: %3</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 is empty</translation>
    </message>
    <message>
        <source>&quot;%1, %2&quot; is not a latitude and longitude</source>
        <translation>&quot;%1, %2&quot; is not a latitude and longitude</translation>
    </message>
    <message>
        <source>Intake rules and referrals</source>
        <translation>Intake rules and referrals</translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation>%1: line %2: %3</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; must be a whole number, 0 or more</source>
        <translation>%1 &quot;%2&quot; must be a whole number, 0 or more</translation>
    </message>
    <message>
        <source>contact_rule &quot;%1&quot; must be ask, require or never</source>
        <translation>contact_rule &quot;%1&quot; must be ask, require or never</translation>
    </message>
    <message>
        <source>emergency &quot;%1&quot; must be yes or no</source>
        <translation>emergency &quot;%1&quot; must be yes or no</translation>
    </message>
    <message>
        <source>an emergency type needs an emergency_script</source>
        <translation>an emergency type needs an emergency_script</translation>
    </message>
    <message>
        <source>service_code &quot;%1&quot; is not in the service list</source>
        <translation>service_code &quot;%1&quot; is not in the service list</translation>
    </message>
    <message>
        <source>name and phone are required</source>
        <translation>name and phone are required</translation>
    </message>
    <message>
        <source>%1: article %2: %3</source>
        <translation>%1: article %2: %3</translation>
    </message>
    <message>
        <source>%1: not a JSON array of articles (%2)</source>
        <translation>%1: not a JSON array of articles (%2)</translation>
    </message>
    <message>
        <source>&quot;id&quot; and &quot;title&quot; are required</source>
        <translation>&quot;id&quot; and &quot;title&quot; are required</translation>
    </message>
    <message>
        <source>&quot;state&quot; must be draft, in_review, published or archived</source>
        <translation>&quot;state&quot; must be draft, in_review, published or archived</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a date like 2027-01-31</source>
        <translation>&quot;%1&quot; must be a date like 2027-01-31</translation>
    </message>
    <message>
        <source>line %1: language &quot;%2&quot; is not a language code such as en, es, zh or pt-BR</source>
        <translation>line %1: language &quot;%2&quot; is not a language code such as en, es, zh or pt-BR</translation>
    </message>
    <message>
        <source>&quot;language&quot; must be a language code such as en, es, zh or pt-BR</source>
        <translation>&quot;language&quot; must be a language code such as en, es, zh or pt-BR</translation>
    </message>
    <message>
        <source>%1: line %2: language must be a language code such as en, es or zh, and the term not empty</source>
        <translation>%1: line %2: language must be a language code such as en, es or zh, and the term not empty</translation>
    </message>
    <message>
        <source>feature %1: geometry type &quot;%2&quot; is not a GeoJSON geometry type (expected one of %3)</source>
        <translation>feature %1: geometry type &quot;%2&quot; is not a GeoJSON geometry type (expected one of %3)</translation>
    </message>
    <message>
        <source>This store holds another city, &quot;%1&quot; (%2); the pack is &quot;%3&quot; (%4). A store holds one city: import into a new store, or replace the city explicitly (--replace-city).</source>
        <translation>This store holds another city, &quot;%1&quot; (%2); the pack is &quot;%3&quot; (%4). A store holds one city: import into a new store, or replace the city explicitly (--replace-city).</translation>
    </message>
    <message>
        <source>This store holds %1 event(s) (requests, contacts, articles) recorded with the city &quot;%2&quot; (%3); they cannot be moved to &quot;%4&quot;. Import %4 into a new store.</source>
        <translation>This store holds %1 event(s) (requests, contacts, articles) recorded with the city &quot;%2&quot; (%3); they cannot be moved to &quot;%4&quot;. Import %4 into a new store.</translation>
    </message>
    <message>
        <source>line %1: %2 &quot;%3&quot;</source>
        <translation>line %1: %2 &quot;%3&quot;</translation>
    </message>
    <message>
        <source>line %1: %2 &quot;%3&quot; read as %4</source>
        <translation>line %1: %2 &quot;%3&quot; read as %4</translation>
    </message>
    <message>
        <source>%1, %2 is not a date in the form %3 (%4 such date(s) in the file; nothing was imported; examples: %5)</source>
        <translation>%1, %2 is not a date in the form %3 (%4 such date(s) in the file; nothing was imported; examples: %5)</translation>
    </message>
    <message>
        <source>%1, %2, before 1970 or in the future (%3 such date(s) in the file; nothing was imported; examples: %4). Are the years two-digit? Check date_format and century in city.json.</source>
        <translation>%1, %2, before 1970 or in the future (%3 such date(s) in the file; nothing was imported; examples: %4). Are the years two-digit? Check date_format and century in city.json.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2 row(s), first on line %3)</source>
        <translation>&quot;%1&quot; (%2 row(s), first on line %3)</translation>
    </message>
    <message>
        <source>%1: %2 has status(es) the pack&apos;s status map does not name: %3. Add each to &quot;statuses&quot; in city.json (open, in_progress or closed, with a note); nothing was imported.</source>
        <translation>%1: %2 has status(es) the pack&apos;s status map does not name: %3. Add each to &quot;statuses&quot; in city.json (open, in_progress or closed, with a note); nothing was imported.</translation>
    </message>
    <message>
        <source>%1: %2 has status(es) other than Open and Closed: %3. Map the city&apos;s statuses in &quot;statuses&quot; in city.json (open, in_progress or closed, with a note); nothing was imported.</source>
        <translation>%1: %2 has status(es) other than Open and Closed: %3. Map the city&apos;s statuses in &quot;statuses&quot; in city.json (open, in_progress or closed, with a note); nothing was imported.</translation>
    </message>
    <message>
        <source>%1: line 1: missing column(s) source_type (the city&apos;s request type; &quot;%2&quot; as in the history file, or type_2015, also do)</source>
        <translation>%1: line 1: missing column(s) source_type (the city&apos;s request type; &quot;%2&quot; as in the history file, or type_2015, also do)</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a point: expected (latitude, longitude) or POINT (longitude latitude)</source>
        <translation>%1 &quot;%2&quot; is not a point: expected (latitude, longitude) or POINT (longitude latitude)</translation>
    </message>
    <message>
        <source>line %1: %2 is empty</source>
        <translation>line %1: %2 is empty</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more bad row(s) like these</source>
        <translation>
            <numerusform>… and %n more bad row like these</numerusform>
            <numerusform>… and %n more bad rows like these</numerusform>
        </translation>
    </message>
    <message>
        <source>the boundary layer &quot;%1&quot; leaves %2 of %3 of the city&apos;s request points outside the city, so every request there would be refused. GeoJSON writes each position longitude first ([-71.06, 42.36]): is the layer written latitude first, or is it another place&apos;s limits?</source>
        <translation>the boundary layer &quot;%1&quot; leaves %2 of %3 of the city&apos;s request points outside the city, so every request there would be refused. GeoJSON writes each position longitude first ([-71.06, 42.36]): is the layer written latitude first, or is it another place&apos;s limits?</translation>
    </message>
    <message>
        <source>city.json: &quot;category_names&quot; names %1, which is not a group of the service list %2 (its groups: %3)</source>
        <translation>city.json: &quot;category_names&quot; names %1, which is not a group of the service list %2 (its groups: %3)</translation>
    </message>
    <message>
        <source>city.json: &quot;service_names&quot; names %1, which is not a service code of the service list %2; use a code of that list (%3, …) or remove the name</source>
        <translation>city.json: &quot;service_names&quot; names %1, which is not a service code of the service list %2; use a code of that list (%3, …) or remove the name</translation>
    </message>
</context>
<context>
    <name>CityPack</name>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: cannot open: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not a city pack (no readable city.json): %1</source>
        <translation>not a city pack (no readable city.json): %1</translation>
    </message>
    <message>
        <source>invalid JSON at offset %1: %2</source>
        <translation>invalid JSON at offset %1: %2</translation>
    </message>
    <message>
        <source>&quot;format&quot; must be &quot;civicdesk-city-pack&quot;</source>
        <translation>&quot;format&quot; must be &quot;civicdesk-city-pack&quot;</translation>
    </message>
    <message>
        <source>format_version %1 is not supported (this CivicDesk reads version %2)</source>
        <translation>format_version %1 is not supported (this CivicDesk reads version %2)</translation>
    </message>
    <message>
        <source>&quot;id&quot; must be 1-32 lowercase letters, digits, - or _</source>
        <translation>&quot;id&quot; must be 1-32 lowercase letters, digits, - or _</translation>
    </message>
    <message>
        <source>&quot;center&quot; needs lat and lon in degrees</source>
        <translation>&quot;center&quot; needs lat and lon in degrees</translation>
    </message>
    <message>
        <source>layer &quot;%1&quot; needs an id, a file and a kind (one of %2)</source>
        <translation>layer &quot;%1&quot; needs an id, a file and a kind (one of %2)</translation>
    </message>
    <message>
        <source>history &quot;%1&quot;: columns.%2 is missing</source>
        <translation>history &quot;%1&quot;: columns.%2 is missing</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a path inside the pack</source>
        <translation>&quot;%1&quot; must be a path inside the pack</translation>
    </message>
    <message>
        <source>names &quot;%1&quot;, which is not in the pack</source>
        <translation>names &quot;%1&quot;, which is not in the pack</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;%2&quot; is not an IANA time zone (expected a name such as America/New_York or America/Los_Angeles); every timestamp would be shifted</source>
        <translation>&quot;%1&quot;: &quot;%2&quot; is not an IANA time zone (expected a name such as America/New_York or America/Los_Angeles); every timestamp would be shifted</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;%2&quot; is not an IANA time zone; did you mean &quot;%3&quot;?</source>
        <translation>&quot;%1&quot;: &quot;%2&quot; is not an IANA time zone; did you mean &quot;%3&quot;?</translation>
    </message>
    <message>
        <source>the pack&apos;s id, e.g. &quot;boston&quot;</source>
        <translation>the pack&apos;s id, e.g. &quot;boston&quot;</translation>
    </message>
    <message>
        <source>the city&apos;s name</source>
        <translation>the city&apos;s name</translation>
    </message>
    <message>
        <source>the IANA time zone of the city&apos;s timestamps, e.g. &quot;America/New_York&quot;</source>
        <translation>the IANA time zone of the city&apos;s timestamps, e.g. &quot;America/New_York&quot;</translation>
    </message>
    <message>
        <source>{&quot;lat&quot;: .., &quot;lon&quot;: ..} where the map opens</source>
        <translation>{&quot;lat&quot;: .., &quot;lon&quot;: ..} where the map opens</translation>
    </message>
    <message>
        <source>the Open311 service list file</source>
        <translation>the Open311 service list file</translation>
    </message>
    <message>
        <source>required key(s) missing: %1</source>
        <translation>required key(s) missing: %1</translation>
    </message>
    <message>
        <source>statuses.&quot;%1&quot;.status is &quot;%2&quot;; expected open, in_progress or closed</source>
        <translation>statuses.&quot;%1&quot;.status is &quot;%2&quot;; expected open, in_progress or closed</translation>
    </message>
    <message>
        <source>channels.&quot;%1&quot; is &quot;%2&quot;; expected one of %3</source>
        <translation>channels.&quot;%1&quot; is &quot;%2&quot;; expected one of %3</translation>
    </message>
    <message>
        <source>history &quot;%1&quot;: date_format &quot;%2&quot; has a two-digit year (yy), which would read 15 as 1915; say which century the years are in with &quot;century&quot;: 2000 (or 1900)</source>
        <translation>history &quot;%1&quot;: date_format &quot;%2&quot; has a two-digit year (yy), which would read 15 as 1915; say which century the years are in with &quot;century&quot;: 2000 (or 1900)</translation>
    </message>
    <message>
        <source>&quot;contact.status_url&quot; must be an https:// link with {number} where the request number goes</source>
        <translation>&quot;contact.status_url&quot; must be an https:// link with {number} where the request number goes</translation>
    </message>
    <message>
        <source>&quot;clusters&quot; must be an object with &quot;default&quot; and &quot;types&quot;</source>
        <translation>&quot;clusters&quot; must be an object with &quot;default&quot; and &quot;types&quot;</translation>
    </message>
    <message>
        <source>%1: encoding &quot;%2&quot; is not one of utf-8, latin-1, windows-1252</source>
        <translation>%1: encoding &quot;%2&quot; is not one of utf-8, latin-1, windows-1252</translation>
    </message>
    <message>
        <source>%1: delimiter &quot;%2&quot; is not one of &quot;,&quot;, &quot;;&quot;, &quot;|&quot; or a tab (&quot;\t&quot;)</source>
        <translation>%1: delimiter &quot;%2&quot; is not one of &quot;,&quot;, &quot;;&quot;, &quot;|&quot; or a tab (&quot;\t&quot;)</translation>
    </message>
    <message>
        <source>%1: missing must be a list of texts, such as [&quot;NULL&quot;, &quot;N/A&quot;]</source>
        <translation>%1: missing must be a list of texts, such as [&quot;NULL&quot;, &quot;N/A&quot;]</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a file&apos;s description needs &quot;file&quot;, the path of the file in the pack</source>
        <translation>&quot;%1&quot;: a file&apos;s description needs &quot;file&quot;, the path of the file in the pack</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is for history files; this file has no dates</source>
        <translation>%1: &quot;%2&quot; is for history files; this file has no dates</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a key of a file&apos;s description (file, encoding, delimiter, missing, columns)</source>
        <translation>%1: &quot;%2&quot; is not a key of a file&apos;s description (file, encoding, delimiter, missing, columns)</translation>
    </message>
    <message>
        <source>%1: columns must name the file&apos;s own column for each one CivicDesk reads, such as {&quot;street_name&quot;: &quot;Street Name&quot;}</source>
        <translation>%1: columns must name the file&apos;s own column for each one CivicDesk reads, such as {&quot;street_name&quot;: &quot;Street Name&quot;}</translation>
    </message>
    <message>
        <source>history &quot;%1&quot;: date_format &quot;%2&quot; is neither a Qt date format (such as &quot;MM/dd/yyyy hh:mm:ss AP&quot;) nor &quot;ISO 8601&quot;, &quot;epoch&quot; or &quot;epoch_ms&quot;</source>
        <translation>history &quot;%1&quot;: date_format &quot;%2&quot; is neither a Qt date format (such as &quot;MM/dd/yyyy hh:mm:ss AP&quot;) nor &quot;ISO 8601&quot;, &quot;epoch&quot; or &quot;epoch_ms&quot;</translation>
    </message>
    <message>
        <source>&quot;category_names&quot; must be an object of the catalogue&apos;s groups, each with its names by language</source>
        <translation>&quot;category_names&quot; must be an object of the catalogue&apos;s groups, each with its names by language</translation>
    </message>
    <message>
        <source>&quot;service_names&quot; must be an object of the service list&apos;s codes, each with its names by language</source>
        <translation>&quot;service_names&quot; must be an object of the service list&apos;s codes, each with its names by language</translation>
    </message>
</context>
<context>
    <name>ClusterRuleChange</name>
    <message>
        <source>The cluster rules are one entity, &quot;%1&quot;.</source>
        <translation>The cluster rules are one entity, &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be the rules in force, an object.</source>
        <translation>&quot;rules&quot; must be the rules in force, an object.</translation>
    </message>
    <message>
        <source>&quot;service_code&quot; must name the type changed (&quot;&quot; for the city-wide default), at most 100 characters.</source>
        <translation>&quot;service_code&quot; must name the type changed (&quot;&quot; for the city-wide default), at most 100 characters.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a rule: count, metres and hours.</source>
        <translation>&quot;%1&quot; must be a rule: count, metres and hours.</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be the changed type&apos;s rule in &quot;rules&quot;.</source>
        <translation>&quot;after&quot; must be the changed type&apos;s rule in &quot;rules&quot;.</translation>
    </message>
</context>
<context>
    <name>ClusterRules</name>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>&quot;%1&quot; must be %2.</translation>
    </message>
    <message>
        <source>an object with &quot;count&quot;, &quot;metres&quot; and &quot;hours&quot;</source>
        <translation>an object with &quot;count&quot;, &quot;metres&quot; and &quot;hours&quot;</translation>
    </message>
    <message>
        <source>&quot;%1.%2&quot; is not a cluster setting: use count, metres or hours.</source>
        <translation>&quot;%1.%2&quot; is not a cluster setting: use count, metres or hours.</translation>
    </message>
    <message>
        <source>a whole number of requests from %1 to %2</source>
        <translation>a whole number of requests from %1 to %2</translation>
    </message>
    <message>
        <source>a distance in metres from %1 to %2</source>
        <translation>a distance in metres from %1 to %2</translation>
    </message>
    <message>
        <source>a whole number of hours from %1 to %2</source>
        <translation>a whole number of hours from %1 to %2</translation>
    </message>
    <message>
        <source>&quot;%1.%2&quot; is not a cluster setting: use default or types.</source>
        <translation>&quot;%1.%2&quot; is not a cluster setting: use default or types.</translation>
    </message>
    <message>
        <source>an object of service codes</source>
        <translation>an object of service codes</translation>
    </message>
    <message>
        <source>keyed by service codes, none empty</source>
        <translation>keyed by service codes, none empty</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>CivicDesk, the 311 contact-center workstation.</source>
        <translation>CivicDesk, the 311 contact-center workstation.</translation>
    </message>
    <message>
        <source>The workstation&apos;s local store (SQLite file). Default: %1</source>
        <translation>The workstation&apos;s local store (SQLite file). Default: %1</translation>
    </message>
    <message>
        <source>City pack to load when the store holds no city yet (or with --reimport). Default: the Boston demo city, %1</source>
        <translation>City pack to load when the store holds no city yet (or with --reimport). Default: the Boston demo city, %1</translation>
    </message>
    <message>
        <source>User interface language: en or es. Default: the system language if supported, else English.</source>
        <translation>User interface language: en or es. Default: the system language if supported, else English.</translation>
    </message>
    <message>
        <source>Load the city pack again even if the store already has it (idempotent).</source>
        <translation>Load the city pack again even if the store already has it (idempotent).</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;. See --help.</source>
        <translation>Unexpected argument &quot;%1&quot;. See --help.</translation>
    </message>
    <message>
        <source>--lang must be en or es, not &quot;%1&quot;.</source>
        <translation>--lang must be en or es, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--database needs a file path.</source>
        <translation>--database needs a file path.</translation>
    </message>
    <message>
        <source>--city: &quot;%1&quot; is not a folder.</source>
        <translation>--city: &quot;%1&quot; is not a folder.</translation>
    </message>
    <message>
        <source>The central store to sync with, e.g. https://311.example.org (remembered in the settings). Without one the workstation runs standalone on its local store.</source>
        <translation>The central store to sync with, e.g. https://311.example.org (remembered in the settings). Without one the workstation runs standalone on its local store.</translation>
    </message>
    <message>
        <source>--server: &quot;%1&quot; is not an http or https address.</source>
        <translation>--server: &quot;%1&quot; is not an http or https address.</translation>
    </message>
    <message>
        <source>Read a city pack as loading it would, list every problem (file, line or key, what was expected) and exit: 0 when there is none, 1 otherwise. Writes nothing.</source>
        <translation>Read a city pack as loading it would, list every problem (file, line or key, what was expected) and exit: 0 when there is none, 1 otherwise. Writes nothing.</translation>
    </message>
    <message>
        <source>Replace the city the store holds by the --city pack (a store holds one city; refused when requests were recorded in it).</source>
        <translation>Replace the city the store holds by the --city pack (a store holds one city; refused when requests were recorded in it).</translation>
    </message>
    <message>
        <source>--check-city: &quot;%1&quot; is not a folder.</source>
        <translation>--check-city: &quot;%1&quot; is not a folder.</translation>
    </message>
    <message>
        <source>--replace-city goes with --city DIR.</source>
        <translation>--replace-city goes with --city DIR.</translation>
    </message>
    <message>
        <source>Show the wallboard full screen (today&apos;s figures for a wall screen, no personal data) instead of the desk. Supervisors and admins only.</source>
        <translation>Show the wallboard full screen (today&apos;s figures for a wall screen, no personal data) instead of the desk. Supervisors and admins only.</translation>
    </message>
    <message>
        <source>The phone whose calls pop up on screen (remembered in the settings): baresip:HOST:PORT for the agent&apos;s baresip softphone (its ctrl_tcp module), socket:HOST:PORT or socket:/PATH for a call-event bridge, none to switch it off.</source>
        <translation>The phone whose calls pop up on screen (remembered in the settings): baresip:HOST:PORT for the agent&apos;s baresip softphone (its ctrl_tcp module), socket:HOST:PORT or socket:/PATH for a call-event bridge, none to switch it off.</translation>
    </message>
    <message>
        <source>--cti: this build has no telephony (CIVICDESK_WITH_CTI=OFF).</source>
        <translation>--cti: this build has no telephony (CIVICDESK_WITH_CTI=OFF).</translation>
    </message>
    <message>
        <source>Run as the lobby&apos;s self-service check-in kiosk (full screen, large touch buttons, English and Spanish).</source>
        <translation>Run as the lobby&apos;s self-service check-in kiosk (full screen, large touch buttons, English and Spanish).</translation>
    </message>
    <message>
        <source>Run as the lobby&apos;s display board: now serving and the last tickets called (numbers only).</source>
        <translation>Run as the lobby&apos;s display board: now serving and the last tickets called (numbers only).</translation>
    </message>
    <message>
        <source>--kiosk and --display-board are two screens: start one program for each.</source>
        <translation>--kiosk and --display-board are two screens: start one program for each.</translation>
    </message>
    <message>
        <source>Start as usual, type one key into the field that has the keyboard focus once the window is up, erase it, print how long that took and quit: 0 when the key landed, 1 otherwise (for benchmarks and install checks).</source>
        <translation>Start as usual, type one key into the field that has the keyboard focus once the window is up, erase it, print how long that took and quit: 0 when the key landed, 1 otherwise (for benchmarks and install checks).</translation>
    </message>
    <message>
        <source>--speak-calls is for the display board: add --display-board.</source>
        <translation>--speak-calls is for the display board: add --display-board.</translation>
    </message>
    <message>
        <source>With --display-board: say each call aloud in the visitor&apos;s language, then the other (&quot;Ticket A 0 1 2, counter 3&quot;); silent when no speech engine is installed.</source>
        <translation>With --display-board: say each call aloud in the visitor&apos;s language, then the other (&quot;Ticket A 0 1 2, counter 3&quot;); silent when no speech engine is installed.</translation>
    </message>
    <message>
        <source>With --speak-calls: the speech engine&apos;s voice to use (an unknown name lists the voices there are).</source>
        <translation>With --speak-calls: the speech engine&apos;s voice to use (an unknown name lists the voices there are).</translation>
    </message>
    <message>
        <source>--speak-voice chooses the voice of --speak-calls: add --display-board --speak-calls.</source>
        <translation>--speak-voice chooses the voice of --speak-calls: add --display-board --speak-calls.</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>the file is empty</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>line 1: missing column(s) %1</source>
        <translation>line 1: missing column(s) %1</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>line %1: %2</translation>
    </message>
    <message>
        <source>a quoted field opened here is not closed on its line; the record runs on to line %1: %2</source>
        <translation>a quoted field opened here is not closed on its line; the record runs on to line %1: %2</translation>
    </message>
    <message>
        <source>a quoted field opened here is never closed (the file ends at line %1)</source>
        <translation>a quoted field opened here is never closed (the file ends at line %1)</translation>
    </message>
    <message>
        <source>a quote inside an unquoted field</source>
        <translation>a quote inside an unquoted field</translation>
    </message>
    <message>
        <source>text after a closing quote</source>
        <translation>text after a closing quote</translation>
    </message>
    <message>
        <source>%1 fields where the header has %2</source>
        <translation>%1 fields where the header has %2</translation>
    </message>
    <message>
        <source>field %1 is not UTF-8 text (byte 0x%2 in &quot;%3&quot;); if the file is Latin-1 or Windows-1252, say so with &quot;encoding&quot;</source>
        <translation>field %1 is not UTF-8 text (byte 0x%2 in &quot;%3&quot;); if the file is Latin-1 or Windows-1252, say so with &quot;encoding&quot;</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>The file could not be written: %1</source>
        <translation>The file could not be written: %1</translation>
    </message>
</context>
<context>
    <name>CtiEndpoint</name>
    <message>
        <source>Telephony &quot;%1&quot;: %2 Give baresip:HOST:PORT (the softphone&apos;s ctrl_tcp), socket:HOST:PORT or socket:/PATH (a call-event bridge), or none.</source>
        <translation>Telephony &quot;%1&quot;: %2 Give baresip:HOST:PORT (the softphone&apos;s ctrl_tcp), socket:HOST:PORT or socket:/PATH (a call-event bridge), or none.</translation>
    </message>
    <message>
        <source>the kind is missing.</source>
        <translation>the kind is missing.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of telephony link.</source>
        <translation>&quot;%1&quot; is not a kind of telephony link.</translation>
    </message>
    <message>
        <source>the host or the port is missing.</source>
        <translation>the host or the port is missing.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port (1 to 65535).</source>
        <translation>&quot;%1&quot; is not a port (1 to 65535).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host name or address.</source>
        <translation>&quot;%1&quot; is not a host name or address.</translation>
    </message>
</context>
<context>
    <name>CtiProbe</name>
    <message>
        <source>No phone is chosen: there is nothing to test.</source>
        <translation>No phone is chosen: there is nothing to test.</translation>
    </message>
    <message>
        <source>%1 answered: calls will pop up on this desk.</source>
        <translation>%1 answered: calls will pop up on this desk.</translation>
    </message>
    <message>
        <source>The %1 accepted the connection: calls will pop up when it sends them.</source>
        <translation>The %1 accepted the connection: calls will pop up when it sends them.</translation>
    </message>
    <message>
        <source>Something at %1:%2 accepted the connection but did not answer as baresip&apos;s ctrl_tcp module does: check the port (ctrl_tcp_listen in baresip&apos;s config).</source>
        <translation>Something at %1:%2 accepted the connection but did not answer as baresip&apos;s ctrl_tcp module does: check the port (ctrl_tcp_listen in baresip&apos;s config).</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2. Check that baresip is running with its ctrl_tcp module listening there (ctrl_tcp_listen in its config).</source>
        <translation>Could not connect to %1: %2. Check that baresip is running with its ctrl_tcp module listening there (ctrl_tcp_listen in its config).</translation>
    </message>
    <message>
        <source>Could not connect to the %1: %2. Check that the bridge is running and listening there.</source>
        <translation>Could not connect to the %1: %2. Check that the bridge is running and listening there.</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s: check the host, the port and any firewall in between.</source>
        <translation>No answer from %1 within %2 s: check the host, the port and any firewall in between.</translation>
    </message>
</context>
<context>
    <name>EvaluationExport</name>
    <message>
        <source>Choose a period of at most %1 days, its first day not after its last.</source>
        <translation>Choose a period of at most %1 days, its first day not after its last.</translation>
    </message>
    <message>
        <source>More than %1 rows: export a shorter period.</source>
        <translation>More than %1 rows: export a shorter period.</translation>
    </message>
</context>
<context>
    <name>EvaluationForm</name>
    <message>
        <source>Question %1 needs a text of 1 to %2 characters.</source>
        <translation>Question %1 needs a text of 1 to %2 characters.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;): a scale runs from 1 to 2..10.</source>
        <translation>Question %1 (&quot;%2&quot;): a scale runs from 1 to 2..10.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;): only a yes/no question can be critical.</source>
        <translation>Question %1 (&quot;%2&quot;): only a yes/no question can be critical.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;): the comment threshold must be 0 to %3.</source>
        <translation>Question %1 (&quot;%2&quot;): the comment threshold must be 0 to %3.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;) depends on %3, which is not an earlier question of the form.</source>
        <translation>Question %1 (&quot;%2&quot;) depends on %3, which is not an earlier question of the form.</translation>
    </message>
    <message>
        <source>Question %1 (&quot;%2&quot;) depends on an answer %3 that question %4 cannot have.</source>
        <translation>Question %1 (&quot;%2&quot;) depends on an answer %3 that question %4 cannot have.</translation>
    </message>
    <message>
        <source>A form needs an id of 1 to 64 characters.</source>
        <translation>A form needs an id of 1 to 64 characters.</translation>
    </message>
    <message>
        <source>A form&apos;s version is a whole number from 1.</source>
        <translation>A form&apos;s version is a whole number from 1.</translation>
    </message>
    <message>
        <source>A form needs a title of 1 to %1 characters.</source>
        <translation>A form needs a title of 1 to %1 characters.</translation>
    </message>
    <message>
        <source>A form needs at least one section.</source>
        <translation>A form needs at least one section.</translation>
    </message>
    <message>
        <source>The overall comment threshold is a score from 0 to 100.</source>
        <translation>The overall comment threshold is a score from 0 to 100.</translation>
    </message>
    <message>
        <source>Every section needs its own id (&quot;%1&quot; is empty or used twice).</source>
        <translation>Every section needs its own id (&quot;%1&quot; is empty or used twice).</translation>
    </message>
    <message>
        <source>Section %1 needs a title.</source>
        <translation>Section %1 needs a title.</translation>
    </message>
    <message>
        <source>Section %1 (&quot;%2&quot;): the weight must be above 0 and at most 100.</source>
        <translation>Section %1 (&quot;%2&quot;): the weight must be above 0 and at most 100.</translation>
    </message>
    <message>
        <source>Section %1 (&quot;%2&quot;) has no questions.</source>
        <translation>Section %1 (&quot;%2&quot;) has no questions.</translation>
    </message>
    <message>
        <source>Every question needs its own id (&quot;%1&quot; is empty or used twice).</source>
        <translation>Every question needs its own id (&quot;%1&quot; is empty or used twice).</translation>
    </message>
    <message>
        <source>A form lists its sections.</source>
        <translation>A form lists its sections.</translation>
    </message>
    <message>
        <source>Question %1: the kind is yes_no or scale, not &quot;%2&quot;.</source>
        <translation>Question %1: the kind is yes_no or scale, not &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The answer to %1 is a whole number, or null for N/A.</source>
        <translation>The answer to %1 is a whole number, or null for N/A.</translation>
    </message>
    <message>
        <source>The form %1 (version %2) has no question %3.</source>
        <translation>The form %1 (version %2) has no question %3.</translation>
    </message>
    <message>
        <source>The comment on %1 is longer than %2 characters.</source>
        <translation>The comment on %1 is longer than %2 characters.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is asked only when %2 is answered %3: leave it unanswered.</source>
        <translation>&quot;%1&quot; is asked only when %2 is answered %3: leave it unanswered.</translation>
    </message>
    <message>
        <source>Answer &quot;%1&quot;.</source>
        <translation>Answer &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be N/A.</source>
        <translation>&quot;%1&quot; cannot be N/A.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is answered yes or no.</source>
        <translation>&quot;%1&quot; is answered yes or no.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is answered from 1 to %2.</source>
        <translation>&quot;%1&quot; is answered from 1 to %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a comment saying why it scored below %2.</source>
        <translation>&quot;%1&quot; needs a comment saying why it scored below %2.</translation>
    </message>
    <message>
        <source>Every question is N/A: there is nothing to score.</source>
        <translation>Every question is N/A: there is nothing to score.</translation>
    </message>
    <message>
        <source>The overall comment is longer than %1 characters.</source>
        <translation>The overall comment is longer than %1 characters.</translation>
    </message>
    <message>
        <source>A score below %1 needs an overall comment for the agent.</source>
        <translation>A score below %1 needs an overall comment for the agent.</translation>
    </message>
</context>
<context>
    <name>Event</name>
    <message>
        <source>&quot;%1&quot; must be a non-empty string.</source>
        <translation>&quot;%1&quot; must be a non-empty string.</translation>
    </message>
    <message>
        <source>&quot;device&quot; must be a string.</source>
        <translation>&quot;device&quot; must be a string.</translation>
    </message>
    <message>
        <source>&quot;payload&quot; must be a JSON object.</source>
        <translation>&quot;payload&quot; must be a JSON object.</translation>
    </message>
    <message>
        <source>&quot;client_time&quot; must be whole milliseconds since 1970.</source>
        <translation>&quot;client_time&quot; must be whole milliseconds since 1970.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; %2.</source>
        <translation>&quot;%1&quot; %2.</translation>
    </message>
    <message>
        <source>&quot;seq&quot; must be a whole number from 0 to 2^53.</source>
        <translation>&quot;seq&quot; must be a whole number from 0 to 2^53.</translation>
    </message>
</context>
<context>
    <name>EventPermission</name>
    <message>
        <source>The %1 role may not record calls or requests; trainers use practice mode, which never reaches the central store.</source>
        <translation>The %1 role may not record calls or requests; trainers use practice mode, which never reaches the central store.</translation>
    </message>
    <message>
        <source>The %1 role may not %2: that is a supervisor&apos;s decision.</source>
        <translation>The %1 role may not %2: that is a supervisor&apos;s decision.</translation>
    </message>
    <message>
        <source>The %1 role may not write articles.</source>
        <translation>The %1 role may not write articles.</translation>
    </message>
    <message>
        <source>The %1 role may not confirm this article in its state (%2).</source>
        <translation>The %1 role may not confirm this article in its state (%2).</translation>
    </message>
    <message>
        <source>An article moves to draft, in_review, published or archived.</source>
        <translation>An article moves to draft, in_review, published or archived.</translation>
    </message>
    <message>
        <source>The %1 role may not change articles.</source>
        <translation>The %1 role may not change articles.</translation>
    </message>
    <message>
        <source>No role may append a %1 event.</source>
        <translation>No role may append a %1 event.</translation>
    </message>
    <message>
        <source>The %1 role may not move this request from %2 to %3: call takers reopen closed requests; a supervisor sets requests in progress and closes them.</source>
        <translation>The %1 role may not move this request from %2 to %3: call takers reopen closed requests; a supervisor sets requests in progress and closes them.</translation>
    </message>
    <message>
        <source>change a request&apos;s %1</source>
        <translation>change a request&apos;s %1</translation>
    </message>
    <message>
        <source>unlink a duplicate</source>
        <translation>unlink a duplicate</translation>
    </message>
    <message>
        <source>The %1 role may not record quality reviews.</source>
        <translation>The %1 role may not record quality reviews.</translation>
    </message>
    <message>
        <source>The %1 role may not answer help flags: supervisors do.</source>
        <translation>The %1 role may not answer help flags: supervisors do.</translation>
    </message>
    <message>
        <source>This store holds no such evaluation to answer.</source>
        <translation>This store holds no such evaluation to answer.</translation>
    </message>
    <message>
        <source>Only %1, whom the evaluation is about, may acknowledge or dispute it.</source>
        <translation>Only %1, whom the evaluation is about, may acknowledge or dispute it.</translation>
    </message>
    <message>
        <source>This evaluation was acknowledged or disputed already.</source>
        <translation>This evaluation was acknowledged or disputed already.</translation>
    </message>
    <message>
        <source>The %1 days to acknowledge or dispute this evaluation ended on %2.</source>
        <translation>The %1 days to acknowledge or dispute this evaluation ended on %2.</translation>
    </message>
    <message>
        <source>This evaluation is submitted already; a decision on a dispute changes its score.</source>
        <translation>This evaluation is submitted already; a decision on a dispute changes its score.</translation>
    </message>
    <message>
        <source>This store holds no such evaluation to coach on.</source>
        <translation>This store holds no such evaluation to coach on.</translation>
    </message>
    <message>
        <source>Only a disputed evaluation is decided, and only once.</source>
        <translation>Only a disputed evaluation is decided, and only once.</translation>
    </message>
    <message>
        <source>post or withdraw known issues</source>
        <translation>post or withdraw known issues</translation>
    </message>
    <message>
        <source>The %1 role may not set teams or import the phone system&apos;s figures: supervisors and admins do.</source>
        <translation>The %1 role may not set teams or import the phone system&apos;s figures: supervisors and admins do.</translation>
    </message>
    <message>
        <source>The %1 role may not change the cluster rules: supervisors and admins do.</source>
        <translation>The %1 role may not change the cluster rules: supervisors and admins do.</translation>
    </message>
    <message>
        <source>The %1 role may not export the centre&apos;s figures: supervisors and admins do.</source>
        <translation>The %1 role may not export the centre&apos;s figures: supervisors and admins do.</translation>
    </message>
</context>
<context>
    <name>EventPolicy</name>
    <message>
        <source>The actor must be the signed-in user (%1).</source>
        <translation>The actor must be the signed-in user (%1).</translation>
    </message>
</context>
<context>
    <name>ExportRecord</name>
    <message>
        <source>An export needs an id.</source>
        <translation>An export needs an id.</translation>
    </message>
    <message>
        <source>&quot;what&quot; must be one of: %1.</source>
        <translation>&quot;what&quot; must be one of: %1.</translation>
    </message>
    <message>
        <source>&quot;format&quot; must be csv or pdf.</source>
        <translation>&quot;format&quot; must be csv or pdf.</translation>
    </message>
    <message>
        <source>&quot;rows&quot; must be a whole number, 0 or more.</source>
        <translation>&quot;rows&quot; must be a whole number, 0 or more.</translation>
    </message>
    <message>
        <source>&quot;from&quot; and &quot;to&quot; must be dates (YYYY-MM-DD), &quot;to&quot; not before &quot;from&quot;.</source>
        <translation>&quot;from&quot; and &quot;to&quot; must be dates (YYYY-MM-DD), &quot;to&quot; not before &quot;from&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be text of at most %2 characters.</source>
        <translation>&quot;%1&quot; must be text of at most %2 characters.</translation>
    </message>
    <message>
        <source>&quot;caller_details&quot; must be true or false.</source>
        <translation>&quot;caller_details&quot; must be true or false.</translation>
    </message>
</context>
<context>
    <name>FormValidation</name>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation>&quot;%1&quot; is required.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number, such as 3 or 2.5; &quot;%2&quot; is not.</source>
        <translation>&quot;%1&quot; must be a number, such as 3 or 2.5; &quot;%2&quot; is not.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a date and time such as 2026-11-23 14:05; &quot;%2&quot; is not.</source>
        <translation>&quot;%1&quot; must be a date and time such as 2026-11-23 14:05; &quot;%2&quot; is not.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long: %2 characters, at most %3.</source>
        <translation>&quot;%1&quot; is too long: %2 characters, at most %3.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes one answer.</source>
        <translation>&quot;%1&quot; takes one answer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;%2&quot; is not one of the choices.</source>
        <translation>&quot;%1&quot;: &quot;%2&quot; is not one of the choices.</translation>
    </message>
</context>
<context>
    <name>GzipDevice</name>
    <message>
        <source>gzip streams are read-only</source>
        <translation>gzip streams are read-only</translation>
    </message>
    <message>
        <source>cannot initialise zlib</source>
        <translation>cannot initialise zlib</translation>
    </message>
    <message>
        <source>the compressed file ends early (truncated?)</source>
        <translation>the compressed file ends early (truncated?)</translation>
    </message>
    <message>
        <source>corrupt gzip data: %1</source>
        <translation>corrupt gzip data: %1</translation>
    </message>
</context>
<context>
    <name>HelpFlags</name>
    <message>
        <source>The note is too long: at most %1 characters.</source>
        <translation>The note is too long: at most %1 characters.</translation>
    </message>
    <message>
        <source>This help flag is no longer open: someone answered it.</source>
        <translation>This help flag is no longer open: someone answered it.</translation>
    </message>
</context>
<context>
    <name>HttpApi</name>
    <message>
        <source>The request body is larger than %1 bytes; send less at once (e.g. smaller batches).</source>
        <translation>The request body is larger than %1 bytes; send less at once (e.g. smaller batches).</translation>
    </message>
    <message>
        <source>The body is not valid UTF-8.</source>
        <translation>The body is not valid UTF-8.</translation>
    </message>
    <message>
        <source>The body is not valid JSON (%1 at byte %2).</source>
        <translation>The body is not valid JSON (%1 at byte %2).</translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation>The body must be a JSON object.</translation>
    </message>
    <message>
        <source>No such endpoint: %1</source>
        <translation>No such endpoint: %1</translation>
    </message>
    <message>
        <source>The central store cannot read or write just now; nothing was changed. Try again in a few seconds.</source>
        <translation>The central store cannot read or write just now; nothing was changed. Try again in a few seconds.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; %2.</source>
        <translation>&quot;%1&quot; %2.</translation>
    </message>
    <message>
        <source>This resource answers %1 only.</source>
        <translation>This resource answers %1 only.</translation>
    </message>
    <message>
        <source>The request&apos;s head is larger than %1 bytes.</source>
        <translation>The request&apos;s head is larger than %1 bytes.</translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.1 (its request line, Content-Length or chunks).</source>
        <translation>The request is not valid HTTP/1.1 (its request line, Content-Length or chunks).</translation>
    </message>
    <message>
        <source>The request did not arrive in time; send it at once.</source>
        <translation>The request did not arrive in time; send it at once.</translation>
    </message>
    <message>
        <source>The server has as many connections as it takes; try again in a few seconds.</source>
        <translation>The server has as many connections as it takes; try again in a few seconds.</translation>
    </message>
</context>
<context>
    <name>IntakeDialogs</name>
    <message>
        <source>Open requests nearby</source>
        <translation>Open requests nearby</translation>
    </message>
    <message>
        <source>&lt;p&gt;There are open requests of this type nearby:&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Attach the caller to %2, or create a new request anyway (the reason is recorded with it)?&lt;/p&gt;</source>
        <translation>&lt;p&gt;There are open requests of this type nearby:&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Attach the caller to %2, or create a new request anyway (the reason is recorded with it)?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Attach the caller to %1</source>
        <translation>&amp;Attach the caller to %1</translation>
    </message>
    <message>
        <source>Create anyway: a d&amp;ifferent problem</source>
        <translation>Create anyway: a d&amp;ifferent problem</translation>
    </message>
    <message>
        <source>Create anyway: a different &amp;spot</source>
        <translation>Create anyway: a different &amp;spot</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Go back</translation>
    </message>
    <message>
        <source>a different problem from the open requests nearby</source>
        <translation>a different problem from the open requests nearby</translation>
    </message>
    <message>
        <source>a different spot from the open requests nearby</source>
        <translation>a different spot from the open requests nearby</translation>
    </message>
    <message>
        <source>Finish contact</source>
        <translation>Finish contact</translation>
    </message>
    <message>
        <source>The request on the form was not submitted. Submit it now (then read the number back and finish), discard it, or go back to it?</source>
        <translation>The request on the form was not submitted. Submit it now (then read the number back and finish), discard it, or go back to it?</translation>
    </message>
    <message>
        <source>&amp;Submit it</source>
        <translation>&amp;Submit it</translation>
    </message>
    <message>
        <source>&amp;Discard it</source>
        <translation>&amp;Discard it</translation>
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
        <translation>Contact: %1 (%2 s)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>not started</translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation>Caller: %1</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Type: %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Description: %1</translation>
    </message>
    <message>
        <source>(outside the city)</source>
        <translation>(outside the city)</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Location: %1</translation>
    </message>
    <message>
        <source>Open requests nearby shown: %1</source>
        <translation>Open requests nearby shown: %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Outcome: %1</translation>
    </message>
    <message>
        <source>Transfer to: %1</source>
        <translation>Transfer to: %1</translation>
    </message>
    <message>
        <source>Request number: %1</source>
        <translation>Request number: %1</translation>
    </message>
    <message>
        <source>Contact: %1</source>
        <translation>Contact: %1</translation>
    </message>
</context>
<context>
    <name>IntakeReplays</name>
    <message>
        <source>There is no contact %1 in this store.</source>
        <translation>There is no contact %1 in this store.</translation>
    </message>
    <message>
        <source>Only supervisors and admins replay another agent&apos;s contacts.</source>
        <translation>Only supervisors and admins replay another agent&apos;s contacts.</translation>
    </message>
</context>
<context>
    <name>IntakeService</name>
    <message>
        <source>Say where the call was transferred to.</source>
        <translation>Say where the call was transferred to.</translation>
    </message>
    <message>
        <source>Give at least a name, a phone number or an email address, or take the request anonymously.</source>
        <translation>Give at least a name, a phone number or an email address, or take the request anonymously.</translation>
    </message>
    <message>
        <source>This request needs a location: an address, an intersection or a landmark.</source>
        <translation>This request needs a location: an address, an intersection or a landmark.</translation>
    </message>
    <message>
        <source>This request type needs the caller&apos;s contact details so the department can follow up.</source>
        <translation>This request type needs the caller&apos;s contact details so the department can follow up.</translation>
    </message>
    <message>
        <source>The description is too long: %1 characters, at most %2.</source>
        <translation>The description is too long: %1 characters, at most %2.</translation>
    </message>
    <message>
        <source>Another caller reported the same problem.</source>
        <translation>Another caller reported the same problem.</translation>
    </message>
    <message>
        <source>Created although open requests of this type were nearby (%1): %2.</source>
        <translation>Created although open requests of this type were nearby (%1): %2.</translation>
    </message>
    <message>
        <source>The call&apos;s end names no contact or no time.</source>
        <translation>The call&apos;s end names no contact or no time.</translation>
    </message>
</context>
<context>
    <name>JsonNumber</name>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3 (it is %4).</source>
        <translation>&quot;%1&quot; must be a whole number from %2 to %3 (it is %4).</translation>
    </message>
</context>
<context>
    <name>KnowledgeService</name>
    <message>
        <source>There is no article %1.</source>
        <translation>There is no article %1.</translation>
    </message>
    <message>
        <source>Only editors and supervisors can write articles.</source>
        <translation>Only editors and supervisors can write articles.</translation>
    </message>
    <message>
        <source>An article needs a title.</source>
        <translation>An article needs a title.</translation>
    </message>
    <message>
        <source>Only editors and supervisors can review articles, and not archived ones.</source>
        <translation>Only editors and supervisors can review articles, and not archived ones.</translation>
    </message>
    <message>
        <source>The next review must be a date in the future.</source>
        <translation>The next review must be a date in the future.</translation>
    </message>
    <message>
        <source>The revision is the same as the published article: there is nothing to save.</source>
        <translation>The revision is the same as the published article: there is nothing to save.</translation>
    </message>
    <message>
        <source>This article has no revision waiting to be published.</source>
        <translation>This article has no revision waiting to be published.</translation>
    </message>
</context>
<context>
    <name>KnownIssue</name>
    <message>
        <source>A known issue needs the request type it is about.</source>
        <translation>A known issue needs the request type it is about.</translation>
    </message>
    <message>
        <source>Write what agents should know: 1 to %1 characters.</source>
        <translation>Write what agents should know: 1 to %1 characters.</translation>
    </message>
    <message>
        <source>The script for callers is too long: at most %1 characters.</source>
        <translation>The script for callers is too long: at most %1 characters.</translation>
    </message>
    <message>
        <source>A known issue needs the centre of its area in degrees.</source>
        <translation>A known issue needs the centre of its area in degrees.</translation>
    </message>
    <message>
        <source>The area&apos;s radius must be %1 to %2 metres.</source>
        <translation>The area&apos;s radius must be %1 to %2 metres.</translation>
    </message>
    <message numerus="yes">
        <source>The known issue must expire after it is posted and within %n day(s).</source>
        <translation>
            <numerusform>The known issue must expire after it is posted and within %n day.</numerusform>
            <numerusform>The known issue must expire after it is posted and within %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>A known issue names the request callers are attached to.</source>
        <translation>A known issue names the request callers are attached to.</translation>
    </message>
</context>
<context>
    <name>KnownIssues</name>
    <message>
        <source>This known issue is no longer in force.</source>
        <translation>This known issue is no longer in force.</translation>
    </message>
</context>
<context>
    <name>KpiApi</name>
    <message>
        <source>Only supervisors and admins may read the centre&apos;s KPIs; the %1 role may not.</source>
        <translation>Only supervisors and admins may read the centre&apos;s KPIs; the %1 role may not.</translation>
    </message>
    <message>
        <source>Give the period&apos;s first day as from=YYYY-MM-DD.</source>
        <translation>Give the period&apos;s first day as from=YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Give the period&apos;s last day as to=YYYY-MM-DD.</source>
        <translation>Give the period&apos;s last day as to=YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>due_soon_hours must be a whole number of hours.</source>
        <translation>due_soon_hours must be a whole number of hours.</translation>
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
        <translation>First-contact resolution: an ended contact with a known caller and a request type counts as resolved unless the same caller contacted the centre again about a request of the same type within %1 days. Contacts without a caller or a type are not counted.</translation>
    </message>
    <message>
        <source>%1 within each interval&apos;s threshold</source>
        <translation>%1 within each interval&apos;s threshold</translation>
    </message>
    <message>
        <source>%1 in %2 s</source>
        <translation>%1 in %2 s</translation>
    </message>
    <message>
        <source>Phone system: no interval report imported for these days.</source>
        <translation>Phone system: no interval report imported for these days.</translation>
    </message>
    <message>
        <source>Phone system: %1 calls offered · service level %2 (target %3) · abandoned %4 · average speed of answer %5</source>
        <translation>Phone system: %1 calls offered · service level %2 (target %3) · abandoned %4 · average speed of answer %5</translation>
    </message>
    <message>
        <source>From the phone system&apos;s interval reports (all queues; the agent, team and channel filters do not apply). Service level: calls answered within the threshold ÷ calls offered (abandoned calls count against it). Abandon rate: abandoned ÷ offered. Average speed of answer: the mean wait of the answered calls.</source>
        <translation>From the phone system&apos;s interval reports (all queues; the agent, team and channel filters do not apply). Service level: calls answered within the threshold ÷ calls offered (abandoned calls count against it). Abandon rate: abandoned ÷ offered. Average speed of answer: the mean wait of the answered calls.</translation>
    </message>
</context>
<context>
    <name>LobbyFigures</name>
    <message>
        <source>Choose a period of 1 to %1 days, the first day before the last.</source>
        <translation>Choose a period of 1 to %1 days, the first day before the last.</translation>
    </message>
    <message>
        <source>More than %1 visits: choose a shorter period.</source>
        <translation>More than %1 visits: choose a shorter period.</translation>
    </message>
</context>
<context>
    <name>LobbyService</name>
    <message>
        <source>Choose the reason for the visit from the city&apos;s service categories.</source>
        <translation>Choose the reason for the visit from the city&apos;s service categories.</translation>
    </message>
    <message>
        <source>Choose the visitor&apos;s language: English or Spanish.</source>
        <translation>Choose the visitor&apos;s language: English or Spanish.</translation>
    </message>
    <message>
        <source>The accessibility need is wheelchair, vision, hearing or other.</source>
        <translation>The accessibility need is wheelchair, vision, hearing or other.</translation>
    </message>
    <message>
        <source>The name is at most 100 characters (it is optional).</source>
        <translation>The name is at most 100 characters (it is optional).</translation>
    </message>
    <message>
        <source>Say why this ticket is called out of order.</source>
        <translation>Say why this ticket is called out of order.</translation>
    </message>
    <message>
        <source>That ticket is not waiting any more.</source>
        <translation>That ticket is not waiting any more.</translation>
    </message>
    <message>
        <source>The central store does not answer (%1). Offline, this counter calls only tickets issued on this PC since the connection was lost, and none is waiting.</source>
        <translation>The central store does not answer (%1). Offline, this counter calls only tickets issued on this PC since the connection was lost, and none is waiting.</translation>
    </message>
    <message>
        <source>Nobody is waiting for this counter&apos;s categories.</source>
        <translation>Nobody is waiting for this counter&apos;s categories.</translation>
    </message>
    <message>
        <source>Ticket %1 is still at this counter: finish it, park it, transfer it or return it to the queue first.</source>
        <translation>Ticket %1 is still at this counter: finish it, park it, transfer it or return it to the queue first.</translation>
    </message>
    <message>
        <source>No ticket is called to this counter: call the next visitor first.</source>
        <translation>No ticket is called to this counter: call the next visitor first.</translation>
    </message>
    <message>
        <source>Ticket %1 was recalled %2 times: mark it as a no-show.</source>
        <translation>Ticket %1 was recalled %2 times: mark it as a no-show.</translation>
    </message>
    <message numerus="yes">
        <source>Recall ticket %1 %n more time(s) before marking a no-show.</source>
        <translation>
            <numerusform>Recall ticket %1 %n more time before marking a no-show.</numerusform>
            <numerusform>Recall ticket %1 %n more times before marking a no-show.</numerusform>
        </translation>
    </message>
    <message>
        <source>The note is at most 500 characters.</source>
        <translation>The note is at most 500 characters.</translation>
    </message>
    <message>
        <source>Choose the counter or the category the visitor goes to.</source>
        <translation>Choose the counter or the category the visitor goes to.</translation>
    </message>
    <message>
        <source>A counter&apos;s name is at most 20 characters.</source>
        <translation>A counter&apos;s name is at most 20 characters.</translation>
    </message>
    <message>
        <source>Choose the category from the city&apos;s service categories.</source>
        <translation>Choose the category from the city&apos;s service categories.</translation>
    </message>
    <message>
        <source>That ticket is not parked at this counter.</source>
        <translation>That ticket is not parked at this counter.</translation>
    </message>
    <message>
        <source>The notes are at most 2,000 characters.</source>
        <translation>The notes are at most 2,000 characters.</translation>
    </message>
    <message>
        <source>The central store gave no ticket number after %1 tries (%2). Please ask at the desk.</source>
        <translation>The central store gave no ticket number after %1 tries (%2). Please ask at the desk.</translation>
    </message>
</context>
<context>
    <name>MapEngine</name>
    <message>
        <source>%1 is missing</source>
        <translation>%1 is missing</translation>
    </message>
    <message>
        <source>%1 is not CivicDesk&apos;s map engine</source>
        <translation>%1 is not CivicDesk&apos;s map engine</translation>
    </message>
    <message>
        <source>The map&apos;s web engine could not be loaded (%1). Reinstall CivicDesk.</source>
        <translation>The map&apos;s web engine could not be loaded (%1). Reinstall CivicDesk.</translation>
    </message>
    <message>
        <source>This program did not set Qt::AA_ShareOpenGLContexts before making its QApplication, which the map&apos;s web engine needs.</source>
        <translation>This program did not set Qt::AA_ShareOpenGLContexts before making its QApplication, which the map&apos;s web engine needs.</translation>
    </message>
    <message>
        <source>The map&apos;s URL scheme could not be registered with the web engine.</source>
        <translation>The map&apos;s URL scheme could not be registered with the web engine.</translation>
    </message>
</context>
<context>
    <name>MonthlyReportPdf</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>311 monthly report, %1</source>
        <translation>311 monthly report, %1</translation>
    </message>
    <message>
        <source>The PDF could not be started.</source>
        <translation>The PDF could not be started.</translation>
    </message>
    <message>
        <source>311 monthly report: %1</source>
        <translation>311 monthly report: %1</translation>
    </message>
    <message>
        <source>Made %1 (times in %2)</source>
        <translation>Made %1 (times in %2)</translation>
    </message>
    <message>
        <source>%1 — made %2 (times in %3)</source>
        <translation>%1 — made %2 (times in %3)</translation>
    </message>
    <message>
        <source>The month in figures</source>
        <translation>The month in figures</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Average handle time (minutes:seconds)</source>
        <translation>Average handle time (minutes:seconds)</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Information given</translation>
    </message>
    <message>
        <source>Request created or joined</source>
        <translation>Request created or joined</translation>
    </message>
    <message>
        <source>Transfer rate</source>
        <translation>Transfer rate</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>First-contact resolution</translation>
    </message>
    <message>
        <source>Requests opened</source>
        <translation>Requests opened</translation>
    </message>
    <message>
        <source>SLA met (requests closed in the month)</source>
        <translation>SLA met (requests closed in the month)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Open at the end of the month</source>
        <translation>Open at the end of the month</translation>
    </message>
    <message>
        <source>Overdue at the end of the month</source>
        <translation>Overdue at the end of the month</translation>
    </message>
    <message>
        <source>Contacts per day by channel</source>
        <translation>Contacts per day by channel</translation>
    </message>
    <message>
        <source>What residents asked</source>
        <translation>What residents asked</translation>
    </message>
    <message>
        <source>No knowledge article was opened during a contact this month.</source>
        <translation>No knowledge article was opened during a contact this month.</translation>
    </message>
    <message>
        <source>Answers opened most during calls</source>
        <translation>Answers opened most during calls</translation>
    </message>
    <message>
        <source>No request was opened this month.</source>
        <translation>No request was opened this month.</translation>
    </message>
    <message>
        <source>Request types asked for most</source>
        <translation>Request types asked for most</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Service-request SLA by department</source>
        <translation>Service-request SLA by department</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>(no department)</translation>
    </message>
    <message>
        <source>No request was closed or open this month.</source>
        <translation>No request was closed or open this month.</translation>
    </message>
    <message>
        <source>SLA met, % of requests closed in the month</source>
        <translation>SLA met, % of requests closed in the month</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA met</translation>
    </message>
    <message>
        <source>SLA met: requests closed in the month on or before their due time, over those closed in the month that had one. Open and overdue: at the end of the month, or now for the running month.</source>
        <translation>SLA met: requests closed in the month on or before their due time, over those closed in the month that had one. Open and overdue: at the end of the month, or now for the running month.</translation>
    </message>
    <message>
        <source>Calls offered (phone system)</source>
        <translation>Calls offered (phone system)</translation>
    </message>
    <message>
        <source>no interval report</source>
        <translation>no interval report</translation>
    </message>
    <message>
        <source>Service level (target %1)</source>
        <translation>Service level (target %1)</translation>
    </message>
    <message>
        <source>Abandon rate</source>
        <translation>Abandon rate</translation>
    </message>
    <message>
        <source>Average speed of answer (minutes:seconds)</source>
        <translation>Average speed of answer (minutes:seconds)</translation>
    </message>
    <message>
        <source>Quality review</source>
        <translation>Quality review</translation>
    </message>
    <message>
        <source>No evaluation was submitted this month.</source>
        <translation>No evaluation was submitted this month.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>n/a</translation>
    </message>
    <message>
        <source>QA index (mean score of the month&apos;s evaluations)</source>
        <translation>QA index (mean score of the month&apos;s evaluations)</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <source>Reviewers</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <source>Failed on a critical item</source>
        <translation>Failed on a critical item</translation>
    </message>
    <message>
        <source>Disputed by the agent</source>
        <translation>Disputed by the agent</translation>
    </message>
    <message>
        <source>Contacts scored by two reviewers or more</source>
        <translation>Contacts scored by two reviewers or more</translation>
    </message>
    <message>
        <source>Reviewer agreement on the score (Krippendorff&apos;s alpha)</source>
        <translation>Reviewer agreement on the score (Krippendorff&apos;s alpha)</translation>
    </message>
    <message>
        <source>Reviewer pairs within 5 points</source>
        <translation>Reviewer pairs within 5 points</translation>
    </message>
    <message>
        <source>Agreement per question: %1</source>
        <translation>Agreement per question: %1</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>QA index: the mean of the month&apos;s evaluation scores (0 to 100; an evaluation failed on a critical item scores 0; a decided dispute counts with its final score). Agreement: Krippendorff&apos;s alpha over the contacts that several reviewers scored independently (1 is perfect agreement, 0 no better than chance; interval metric for the score and scale questions, nominal for yes/no questions), with the share of reviewer pairs that agree beside it.</source>
        <translation>QA index: the mean of the month&apos;s evaluation scores (0 to 100; an evaluation failed on a critical item scores 0; a decided dispute counts with its final score). Agreement: Krippendorff&apos;s alpha over the contacts that several reviewers scored independently (1 is perfect agreement, 0 no better than chance; interval metric for the score and scale questions, nominal for yes/no questions), with the share of reviewer pairs that agree beside it.</translation>
    </message>
</context>
<context>
    <name>NumberingPlan</name>
    <message>
        <source>&quot;%1&quot; is not an area code: give the 3 digits a 7-digit local number is dialled in (Boston: 617), the first one 2 to 9.</source>
        <translation>&quot;%1&quot; is not an area code: give the 3 digits a 7-digit local number is dialled in (Boston: 617), the first one 2 to 9.</translation>
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
        <translation>offset %1</translation>
    </message>
    <message>
        <source>top level</source>
        <translation>top level</translation>
    </message>
    <message>
        <source>expected a JSON array</source>
        <translation>expected a JSON array</translation>
    </message>
    <message>
        <source>%1: attribute without a code</source>
        <translation>%1: attribute without a code</translation>
    </message>
    <message>
        <source>%1: unknown datatype &quot;%2&quot; (expected string, number, datetime, text, singlevaluelist or multivaluelist)</source>
        <translation>%1: unknown datatype &quot;%2&quot; (expected string, number, datetime, text, singlevaluelist or multivaluelist)</translation>
    </message>
    <message>
        <source>%1: a value has no key</source>
        <translation>%1: a value has no key</translation>
    </message>
    <message>
        <source>%1: a list without values</source>
        <translation>%1: a list without values</translation>
    </message>
    <message>
        <source>definition %1 (%2)</source>
        <translation>definition %1 (%2)</translation>
    </message>
    <message>
        <source>no service_code</source>
        <translation>no service_code</translation>
    </message>
    <message>
        <source>service_level_agreement needs a type (Hours, Calendar Days, Business Days) and a positive value</source>
        <translation>service_level_agreement needs a type (Hours, Calendar Days, Business Days) and a positive value</translation>
    </message>
    <message>
        <source>depends on &quot;%1&quot;, which is not an earlier list attribute</source>
        <translation>depends on &quot;%1&quot;, which is not an earlier list attribute</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>service %1</translation>
    </message>
    <message>
        <source>service_code and service_name are required</source>
        <translation>service_code and service_name are required</translation>
    </message>
    <message>
        <source>duplicate service_code &quot;%1&quot;</source>
        <translation>duplicate service_code &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>Closed.</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>Closed: %1</translation>
    </message>
    <message>
        <source>Work is in progress.</source>
        <translation>Work is in progress.</translation>
    </message>
    <message>
        <source>Reopened.</source>
        <translation>Reopened.</translation>
    </message>
    <message>
        <source>group &quot;%1&quot;</source>
        <translation>group &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected a JSON array of services (a service list grouped by group name)</source>
        <translation>expected a JSON array of services (a service list grouped by group name)</translation>
    </message>
</context>
<context>
    <name>Open311Api</name>
    <message>
        <source>No service with code &quot;%1&quot;.</source>
        <translation>No service with code &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Service &quot;%1&quot; has no definition (metadata is false).</source>
        <translation>Service &quot;%1&quot; has no definition (metadata is false).</translation>
    </message>
    <message>
        <source>start_date is after end_date.</source>
        <translation>start_date is after end_date.</translation>
    </message>
    <message>
        <source>No request with id &quot;%1&quot;.</source>
        <translation>No request with id &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No such Open311 resource; see discovery.json.</source>
        <translation>No such Open311 resource; see discovery.json.</translation>
    </message>
    <message>
        <source>start_date and end_date must be W3C datetimes with a time zone, e.g. 2015-06-01T00:00:00Z.</source>
        <translation>start_date and end_date must be W3C datetimes with a time zone, e.g. 2015-06-01T00:00:00Z.</translation>
    </message>
    <message>
        <source>start_date and end_date may be at most %1 days apart.</source>
        <translation>start_date and end_date may be at most %1 days apart.</translation>
    </message>
    <message>
        <source>No such Open311 resource &quot;%1&quot;; see discovery.json.</source>
        <translation>No such Open311 resource &quot;%1&quot;; see discovery.json.</translation>
    </message>
    <message>
        <source>No such Open311 resource &quot;%1&quot;; see discovery.json (formats: .xml and .json).</source>
        <translation>No such Open311 resource &quot;%1&quot;; see discovery.json (formats: .xml and .json).</translation>
    </message>
    <message>
        <source>Add the format to the service code: .xml or .json.</source>
        <translation>Add the format to the service code: .xml or .json.</translation>
    </message>
    <message>
        <source>Ask for at most %1 service_request_id values at once.</source>
        <translation>Ask for at most %1 service_request_id values at once.</translation>
    </message>
    <message>
        <source>status must be open, closed, or both (open,closed).</source>
        <translation>status must be open, closed, or both (open,closed).</translation>
    </message>
    <message>
        <source>page must be a whole number from 1.</source>
        <translation>page must be a whole number from 1.</translation>
    </message>
    <message>
        <source>page_size must be from 1 to %1.</source>
        <translation>page_size must be from 1 to %1.</translation>
    </message>
    <message>
        <source>The store cannot be read right now; try again.</source>
        <translation>The store cannot be read right now; try again.</translation>
    </message>
    <message>
        <source>Add the format to the request id: .xml or .json.</source>
        <translation>Add the format to the request id: .xml or .json.</translation>
    </message>
    <message>
        <source>Add the format to the token: .xml or .json.</source>
        <translation>Add the format to the token: .xml or .json.</translation>
    </message>
    <message>
        <source>No request for token &quot;%1&quot;.</source>
        <translation>No request for token &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Only requests.xml and requests.json accept POST.</source>
        <translation>Only requests.xml and requests.json accept POST.</translation>
    </message>
    <message>
        <source>The request is larger than %1 bytes. Send media as a media_url, not in the form.</source>
        <translation>The request is larger than %1 bytes. Send media as a media_url, not in the form.</translation>
    </message>
    <message>
        <source>api_key is required to create requests.</source>
        <translation>api_key is required to create requests.</translation>
    </message>
    <message>
        <source>api_key is not valid (unknown or revoked).</source>
        <translation>api_key is not valid (unknown or revoked).</translation>
    </message>
    <message>
        <source>More than %1 requests a minute with this api_key; wait %2 seconds.</source>
        <translation>More than %1 requests a minute with this api_key; wait %2 seconds.</translation>
    </message>
    <message>
        <source>service_code is required.</source>
        <translation>service_code is required.</translation>
    </message>
    <message>
        <source>No service with code &quot;%1&quot;; see services.json.</source>
        <translation>No service with code &quot;%1&quot;; see services.json.</translation>
    </message>
    <message>
        <source>This is an emergency: it cannot be reported online. %1</source>
        <translation>This is an emergency: it cannot be reported online. %1</translation>
    </message>
    <message>
        <source>lat and long must be sent together as WGS84 degrees (lat -90 to 90, long -180 to 180).</source>
        <translation>lat and long must be sent together as WGS84 degrees (lat -90 to 90, long -180 to 180).</translation>
    </message>
    <message>
        <source>address_id &quot;%1&quot; is not an address of this city.</source>
        <translation>address_id &quot;%1&quot; is not an address of this city.</translation>
    </message>
    <message>
        <source>address_string may have at most 500 characters.</source>
        <translation>address_string may have at most 500 characters.</translation>
    </message>
    <message>
        <source>A location is required: lat and long, address_string or address_id.</source>
        <translation>A location is required: lat and long, address_string or address_id.</translation>
    </message>
    <message>
        <source>near %1</source>
        <translation>near %1</translation>
    </message>
    <message>
        <source>Service &quot;%1&quot; has no attribute &quot;%2&quot;.</source>
        <translation>Service &quot;%1&quot; has no attribute &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>description may have at most %1 characters.</source>
        <translation>description may have at most %1 characters.</translation>
    </message>
    <message>
        <source>media_url must be an http(s) URL.</source>
        <translation>media_url must be an http(s) URL.</translation>
    </message>
    <message>
        <source>This service needs a way to reach the reporter: email or phone.</source>
        <translation>This service needs a way to reach the reporter: email or phone.</translation>
    </message>
    <message>
        <source>Expected to be resolved by %1.</source>
        <translation>Expected to be resolved by %1.</translation>
    </message>
    <message>
        <source>Received; the department will review it.</source>
        <translation>Received; the department will review it.</translation>
    </message>
    <message>
        <source>The form is not valid UTF-8 text, or holds characters no store keeps (NUL, lone surrogates, U+FFFE, U+FFFF, a leading U+FEFF).</source>
        <translation>The form is not valid UTF-8 text, or holds characters no store keeps (NUL, lone surrogates, U+FFFE, U+FFFF, a leading U+FEFF).</translation>
    </message>
    <message>
        <source>This place is outside %1: %2 answers for it, at %3%4.%5</source>
        <translation>This place is outside %1: %2 answers for it, at %3%4.%5</translation>
    </message>
    <message>
        <source>This place is outside %1; the city cannot take a request for it.</source>
        <translation>This place is outside %1; the city cannot take a request for it.</translation>
    </message>
    <message>
        <source>The server has as many writes waiting for the store as it takes; nothing was kept. Try again in %1 seconds.</source>
        <translation>The server has as many writes waiting for the store as it takes; nothing was kept. Try again in %1 seconds.</translation>
    </message>
    <message>
        <source>The store cannot be reached just now; nothing was kept. Try again in %1 seconds.</source>
        <translation>The store cannot be reached just now; nothing was kept. Try again in %1 seconds.</translation>
    </message>
    <message>
        <source>The request could not be stored just now; nothing was kept. Try again in %1 seconds.</source>
        <translation>The request could not be stored just now; nothing was kept. Try again in %1 seconds.</translation>
    </message>
</context>
<context>
    <name>OwnFigures</name>
    <message>
        <source>Only supervisors and admins see other agents&apos; figures; you see your own.</source>
        <translation>Only supervisors and admins see other agents&apos; figures; you see your own.</translation>
    </message>
</context>
<context>
    <name>PeriodFields</name>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Chosen days</source>
        <translation>Chosen days</translation>
    </message>
    <message>
        <source>From (first day)</source>
        <translation>From (first day)</translation>
    </message>
    <message>
        <source>To (last day)</source>
        <translation>To (last day)</translation>
    </message>
</context>
<context>
    <name>PhoneInterval</name>
    <message>
        <source>queue must be 1 to %1 characters</source>
        <translation>queue must be 1 to %1 characters</translation>
    </message>
    <message>
        <source>interval_minutes must be 5, 10, 15, 30 or 60</source>
        <translation>interval_minutes must be 5, 10, 15, 30 or 60</translation>
    </message>
    <message>
        <source>%1 must be a whole number from 0 to %2</source>
        <translation>%1 must be a whole number from 0 to %2</translation>
    </message>
    <message>
        <source>answered (%1) plus abandoned (%2) is more than offered (%3)</source>
        <translation>answered (%1) plus abandoned (%2) is more than offered (%3)</translation>
    </message>
    <message>
        <source>answered_within (%1) is more than answered (%2)</source>
        <translation>answered_within (%1) is more than answered (%2)</translation>
    </message>
    <message>
        <source>threshold_seconds must be 1 to %1</source>
        <translation>threshold_seconds must be 1 to %1</translation>
    </message>
    <message>
        <source>asa_seconds must be a number of seconds from 0 to %1</source>
        <translation>asa_seconds must be a number of seconds from 0 to %1</translation>
    </message>
    <message>
        <source>must be an ISO 8601 date</source>
        <translation>must be an ISO 8601 date</translation>
    </message>
    <message>
        <source>must be 1 to %1 characters without &quot;|&quot;</source>
        <translation>must be 1 to %1 characters without &quot;|&quot;</translation>
    </message>
    <message>
        <source>must be the date and queue</source>
        <translation>must be the date and queue</translation>
    </message>
    <message>
        <source>must hold 1 to %1 intervals</source>
        <translation>must hold 1 to %1 intervals</translation>
    </message>
    <message>
        <source>start must be whole UTC seconds from 1970 to 9999</source>
        <translation>start must be whole UTC seconds from 1970 to 9999</translation>
    </message>
</context>
<context>
    <name>PhoneIntervalImport</name>
    <message>
        <source>interval_start &quot;%1&quot; is not a date and time such as 2026-12-07T08:00</source>
        <translation>interval_start &quot;%1&quot; is not a date and time such as 2026-12-07T08:00</translation>
    </message>
    <message>
        <source>queue cannot hold &quot;|&quot;</source>
        <translation>queue cannot hold &quot;|&quot;</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a whole number</source>
        <translation>%1 &quot;%2&quot; is not a whole number</translation>
    </message>
    <message>
        <source>asa_seconds &quot;%1&quot; is not seconds (12.5) or m:ss (0:12)</source>
        <translation>asa_seconds &quot;%1&quot; is not seconds (12.5) or m:ss (0:12)</translation>
    </message>
    <message>
        <source>The city has no valid time zone to read the intervals in.</source>
        <translation>The city has no valid time zone to read the intervals in.</translation>
    </message>
    <message>
        <source>The first line must name the columns %1: %2</source>
        <translation>The first line must name the columns %1: %2</translation>
    </message>
    <message>
        <source>Line %1: %2.</source>
        <translation>Line %1: %2.</translation>
    </message>
    <message>
        <source>More than %1 rows: import the report a month at a time.</source>
        <translation>More than %1 rows: import the report a month at a time.</translation>
    </message>
    <message>
        <source>queue %1 at %2 is on line %3 already</source>
        <translation>queue %1 at %2 is on line %3 already</translation>
    </message>
    <message>
        <source>The file holds no intervals below its header line.</source>
        <translation>The file holds no intervals below its header line.</translation>
    </message>
    <message>
        <source>Nothing was imported; correct these and import again:</source>
        <translation>Nothing was imported; correct these and import again:</translation>
    </message>
</context>
<context>
    <name>PracticeChannel</name>
    <message>
        <source>&quot;%1&quot; is required (a string).</source>
        <translation>&quot;%1&quot; is required (a string).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; may be at most %2 characters.</source>
        <translation>&quot;%1&quot; may be at most %2 characters.</translation>
    </message>
    <message>
        <source>Only a practice workspace joins a live practice call (&quot;practice&quot;: true).</source>
        <translation>Only a practice workspace joins a live practice call (&quot;practice&quot;: true).</translation>
    </message>
    <message>
        <source>&quot;intake&quot; must be an object.</source>
        <translation>&quot;intake&quot; must be an object.</translation>
    </message>
    <message>
        <source>&quot;session&quot; is required: the id of the live practice call.</source>
        <translation>&quot;session&quot; is required: the id of the live practice call.</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be a message number (0 or more).</source>
        <translation>&quot;after&quot; must be a message number (0 or more).</translation>
    </message>
    <message>
        <source>&quot;wait&quot; must be from 0 to %1 seconds.</source>
        <translation>&quot;wait&quot; must be from 0 to %1 seconds.</translation>
    </message>
    <message>
        <source>There is no live practice call by that id or code. Ask the trainer for the join code shown on their screen.</source>
        <translation>There is no live practice call by that id or code. Ask the trainer for the join code shown on their screen.</translation>
    </message>
    <message>
        <source>Live practice calls are opened by trainers and admins; you work as %1.</source>
        <translation>Live practice calls are opened by trainers and admins; you work as %1.</translation>
    </message>
    <message>
        <source>Live practice calls are joined by agents who take calls; you work as %1.</source>
        <translation>Live practice calls are joined by agents who take calls; you work as %1.</translation>
    </message>
    <message>
        <source>You have %1 live practice calls open; end one before opening another.</source>
        <translation>You have %1 live practice calls open; end one before opening another.</translation>
    </message>
    <message>
        <source>The server holds as many live practice calls as it can (%1); try again when one has ended.</source>
        <translation>The server holds as many live practice calls as it can (%1); try again when one has ended.</translation>
    </message>
    <message>
        <source>Too many join attempts; wait %1 seconds and check the code with the trainer.</source>
        <translation>Too many join attempts; wait %1 seconds and check the code with the trainer.</translation>
    </message>
    <message>
        <source>This live practice call has ended.</source>
        <translation>This live practice call has ended.</translation>
    </message>
    <message>
        <source>You opened this live practice call; a trainee joins it from another workstation.</source>
        <translation>You opened this live practice call; a trainee joins it from another workstation.</translation>
    </message>
    <message>
        <source>%1 has joined this live practice call already; ask the trainer to open another one.</source>
        <translation>%1 has joined this live practice call already; ask the trainer to open another one.</translation>
    </message>
    <message>
        <source>Only the trainer and the trainee of a live practice call take part in it.</source>
        <translation>Only the trainer and the trainee of a live practice call take part in it.</translation>
    </message>
    <message>
        <source>&quot;kind&quot; must be &quot;line&quot; or &quot;end&quot; (the trainer) or &quot;question&quot; or &quot;intake&quot; (the trainee).</source>
        <translation>&quot;kind&quot; must be &quot;line&quot; or &quot;end&quot; (the trainer) or &quot;question&quot; or &quot;intake&quot; (the trainee).</translation>
    </message>
    <message>
        <source>The trainer says the caller&apos;s lines (&quot;line&quot;) and ends the call (&quot;end&quot;).</source>
        <translation>The trainer says the caller&apos;s lines (&quot;line&quot;) and ends the call (&quot;end&quot;).</translation>
    </message>
    <message>
        <source>The trainee asks (&quot;question&quot;) and shows the intake (&quot;intake&quot;).</source>
        <translation>The trainee asks (&quot;question&quot;) and shows the intake (&quot;intake&quot;).</translation>
    </message>
    <message>
        <source>Only a practice run&apos;s intake is shown to the trainer (&quot;practice&quot;: true); live work never travels here.</source>
        <translation>Only a practice run&apos;s intake is shown to the trainer (&quot;practice&quot;: true); live work never travels here.</translation>
    </message>
    <message>
        <source>The intake is %1 bytes; at most %2 are carried.</source>
        <translation>The intake is %1 bytes; at most %2 are carried.</translation>
    </message>
    <message>
        <source>&quot;text&quot; is required: what is said.</source>
        <translation>&quot;text&quot; is required: what is said.</translation>
    </message>
    <message>
        <source>&quot;text&quot; is %1 characters; say it in at most %2.</source>
        <translation>&quot;text&quot; is %1 characters; say it in at most %2.</translation>
    </message>
    <message>
        <source>Too many messages this minute; wait %1 seconds.</source>
        <translation>Too many messages this minute; wait %1 seconds.</translation>
    </message>
</context>
<context>
    <name>PracticeScorer</name>
    <message>
        <source>(nothing)</source>
        <translation>(nothing)</translation>
    </message>
    <message>
        <source>Request type</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>Outside the city: referred to %1</source>
        <translation>Outside the city: referred to %1</translation>
    </message>
    <message>
        <source>%1 (outside the city: %2)</source>
        <translation>%1 (outside the city: %2)</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message numerus="yes">
        <source>(corrected %n time(s))</source>
        <translation>
            <numerusform>(corrected %n time)</numerusform>
            <numerusform>(corrected %n times)</numerusform>
        </translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>Answer: %1</translation>
    </message>
    <message>
        <source>Duplicate decision</source>
        <translation>Duplicate decision</translation>
    </message>
    <message>
        <source>Articles opened</source>
        <translation>Articles opened</translation>
    </message>
    <message>
        <source>(contact not ended)</source>
        <translation>(contact not ended)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>the new request&apos;s number</source>
        <translation>the new request&apos;s number</translation>
    </message>
    <message>
        <source>Number read back</source>
        <translation>Number read back</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) or less</source>
        <translation>
            <numerusform>%n second or less</numerusform>
            <numerusform>%n seconds or less</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>An emergency must be transferred to %1 at once, with no request taken.</source>
        <translation>An emergency must be transferred to %1 at once, with no request taken.</translation>
    </message>
    <message>
        <source>%1 is confidential: no name, phone or email may be taken.</source>
        <translation>%1 is confidential: no name, phone or email may be taken.</translation>
    </message>
    <message>
        <source>A request was taken for a place outside the city; the caller should have been referred to %1.</source>
        <translation>A request was taken for a place outside the city; the caller should have been referred to %1.</translation>
    </message>
</context>
<context>
    <name>PracticeShare</name>
    <message>
        <source>The central store sent a scenario without a valid id; the shared scenarios are not updated.</source>
        <translation>The central store sent a scenario without a valid id; the shared scenarios are not updated.</translation>
    </message>
    <message>
        <source>The folder %1 could not be made.</source>
        <translation>The folder %1 could not be made.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 could not be written: %2</translation>
    </message>
    <message>
        <source>The central store did not answer in %1 seconds: try again (saving again does no harm).</source>
        <translation>The central store did not answer in %1 seconds: try again (saving again does no harm).</translation>
    </message>
</context>
<context>
    <name>PracticeStore</name>
    <message>
        <source>Practice needs the workstation&apos;s own store file.</source>
        <translation>Practice needs the workstation&apos;s own store file.</translation>
    </message>
    <message>
        <source>The practice store %1 exists already.</source>
        <translation>The practice store %1 exists already.</translation>
    </message>
    <message>
        <source>The seeded request type %1 is not in the catalogue.</source>
        <translation>The seeded request type %1 is not in the catalogue.</translation>
    </message>
</context>
<context>
    <name>PrebuiltStore</name>
    <message>
        <source>it cannot be opened (%1)</source>
        <translation>it cannot be opened (%1)</translation>
    </message>
    <message>
        <source>it is not a CivicDesk store (%1)</source>
        <translation>it is not a CivicDesk store (%1)</translation>
    </message>
    <message>
        <source>it has schema version %1; this CivicDesk writes version %2</source>
        <translation>it has schema version %1; this CivicDesk writes version %2</translation>
    </message>
    <message>
        <source>it was made from other pack files (checksum %1, the pack&apos;s is %2)</source>
        <translation>it was made from other pack files (checksum %1, the pack&apos;s is %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>it holds a workstation&apos;s device code or events</source>
        <translation>it holds a workstation&apos;s device code or events</translation>
    </message>
    <message>
        <source>The city pack folder %1 does not exist.</source>
        <translation>The city pack folder %1 does not exist.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>The store %1 was left with a write-ahead log.</source>
        <translation>The store %1 was left with a write-ahead log.</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2.</source>
        <translation>Cannot move %1 to %2.</translation>
    </message>
    <message>
        <source>The prebuilt store %1 was not used: %2.</source>
        <translation>The prebuilt store %1 was not used: %2.</translation>
    </message>
    <message>
        <source>the store %1 is not a file</source>
        <translation>the store %1 is not a file</translation>
    </message>
    <message>
        <source>the store %1 exists already</source>
        <translation>the store %1 exists already</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>it does not exist</translation>
    </message>
    <message>
        <source>cannot create folder %1</source>
        <translation>cannot create folder %1</translation>
    </message>
    <message>
        <source>cannot copy it to %1</source>
        <translation>cannot copy it to %1</translation>
    </message>
    <message>
        <source>cannot move %1 to %2</source>
        <translation>cannot move %1 to %2</translation>
    </message>
</context>
<context>
    <name>QualityReviews</name>
    <message>
        <source>Choose the contact to evaluate and the agent who took it.</source>
        <translation>Choose the contact to evaluate and the agent who took it.</translation>
    </message>
    <message>
        <source>A reviewer does not evaluate their own contacts.</source>
        <translation>A reviewer does not evaluate their own contacts.</translation>
    </message>
    <message>
        <source>Score on a published form: version %1 of &quot;%2&quot; was never published here.</source>
        <translation>Score on a published form: version %1 of &quot;%2&quot; was never published here.</translation>
    </message>
    <message>
        <source>You evaluated this contact already; each reviewer scores a contact once.</source>
        <translation>You evaluated this contact already; each reviewer scores a contact once.</translation>
    </message>
    <message>
        <source>This store holds no such evaluation.</source>
        <translation>This store holds no such evaluation.</translation>
    </message>
    <message>
        <source>Say why you dispute the evaluation.</source>
        <translation>Say why you dispute the evaluation.</translation>
    </message>
    <message>
        <source>Write the decision&apos;s reason for the agent.</source>
        <translation>Write the decision&apos;s reason for the agent.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is published already as version %2: change it to publish a new version.</source>
        <translation>&quot;%1&quot; is published already as version %2: change it to publish a new version.</translation>
    </message>
</context>
<context>
    <name>QueryApi</name>
    <message>
        <source>&quot;limit&quot; must be from 1 to %1.</source>
        <translation>&quot;limit&quot; must be from 1 to %1.</translation>
    </message>
    <message>
        <source>Ask by exactly one of: number, phone, email, address, or lat+lon+radius.</source>
        <translation>Ask by exactly one of: number, phone, email, address, or lat+lon+radius.</translation>
    </message>
    <message>
        <source>&quot;phone&quot; is not a phone number.</source>
        <translation>&quot;phone&quot; is not a phone number.</translation>
    </message>
    <message>
        <source>&quot;email&quot; is not an email address.</source>
        <translation>&quot;email&quot; is not an email address.</translation>
    </message>
    <message>
        <source>&quot;address&quot; must be 1 to 200 characters.</source>
        <translation>&quot;address&quot; must be 1 to 200 characters.</translation>
    </message>
    <message>
        <source>&quot;lat&quot; must be a latitude (-90 to 90).</source>
        <translation>&quot;lat&quot; must be a latitude (-90 to 90).</translation>
    </message>
    <message>
        <source>&quot;lon&quot; must be a longitude (-180 to 180).</source>
        <translation>&quot;lon&quot; must be a longitude (-180 to 180).</translation>
    </message>
    <message>
        <source>&quot;radius&quot; must be 1 to %1 metres.</source>
        <translation>&quot;radius&quot; must be 1 to %1 metres.</translation>
    </message>
    <message>
        <source>No request with id or number &quot;%1&quot;.</source>
        <translation>No request with id or number &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;page_size&quot; must be from 1 to %1.</source>
        <translation>&quot;page_size&quot; must be from 1 to %1.</translation>
    </message>
    <message>
        <source>&quot;after&quot; is too long; use the &quot;next&quot; of the previous page.</source>
        <translation>&quot;after&quot; is too long; use the &quot;next&quot; of the previous page.</translation>
    </message>
    <message>
        <source>Only supervisors and admins may read other agents&apos; quality reviews.</source>
        <translation>Only supervisors and admins may read other agents&apos; quality reviews.</translation>
    </message>
    <message>
        <source>Only admins may manage users.</source>
        <translation>Only admins may manage users.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required (a string).</source>
        <translation>&quot;%1&quot; is required (a string).</translation>
    </message>
    <message>
        <source>&quot;role&quot; must be one of: %1.</source>
        <translation>&quot;role&quot; must be one of: %1.</translation>
    </message>
    <message>
        <source>No user named &quot;%1&quot;.</source>
        <translation>No user named &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;disabled&quot; must be true or false.</source>
        <translation>&quot;disabled&quot; must be true or false.</translation>
    </message>
    <message>
        <source>&quot;password&quot; must be a string.</source>
        <translation>&quot;password&quot; must be a string.</translation>
    </message>
    <message>
        <source>The server has as many writes waiting for the store as it takes; try again in %1 seconds.</source>
        <translation>The server has as many writes waiting for the store as it takes; try again in %1 seconds.</translation>
    </message>
</context>
<context>
    <name>RequestActions</name>
    <message>
        <source>Write the note first.</source>
        <translation>Write the note first.</translation>
    </message>
    <message>
        <source>The note is too long: %1 characters, at most %2.</source>
        <translation>The note is too long: %1 characters, at most %2.</translation>
    </message>
    <message>
        <source>This request is not in the store.</source>
        <translation>This request is not in the store.</translation>
    </message>
    <message>
        <source>The request already has this status.</source>
        <translation>The request already has this status.</translation>
    </message>
    <message>
        <source>Your role cannot make this change: call takers add notes and reopen closed requests; a supervisor sets requests in progress and closes them.</source>
        <translation>Your role cannot make this change: call takers add notes and reopen closed requests; a supervisor sets requests in progress and closes them.</translation>
    </message>
    <message>
        <source>Choose why the request is closed.</source>
        <translation>Choose why the request is closed.</translation>
    </message>
    <message>
        <source>Only a supervisor closes requests.</source>
        <translation>Only a supervisor closes requests.</translation>
    </message>
    <message>
        <source>Your role cannot link duplicates.</source>
        <translation>Your role cannot link duplicates.</translation>
    </message>
    <message>
        <source>A request cannot be a duplicate of itself.</source>
        <translation>A request cannot be a duplicate of itself.</translation>
    </message>
    <message>
        <source>This request is already a duplicate of %1; a supervisor unlinks it first.</source>
        <translation>This request is already a duplicate of %1; a supervisor unlinks it first.</translation>
    </message>
    <message>
        <source>%1 is itself a duplicate of %2: link this request to %2.</source>
        <translation>%1 is itself a duplicate of %2: link this request to %2.</translation>
    </message>
    <message>
        <source>Other requests are duplicates of this one: link %1 to this request instead.</source>
        <translation>Other requests are duplicates of this one: link %1 to this request instead.</translation>
    </message>
    <message>
        <source>Only a supervisor unlinks a duplicate: ask one, or add a note saying why the link is wrong.</source>
        <translation>Only a supervisor unlinks a duplicate: ask one, or add a note saying why the link is wrong.</translation>
    </message>
    <message>
        <source>This request is not linked as a duplicate.</source>
        <translation>This request is not linked as a duplicate.</translation>
    </message>
    <message>
        <source>Choose when to call back: a time after now.</source>
        <translation>Choose when to call back: a time after now.</translation>
    </message>
    <message>
        <source>No caller with a phone number is attached to this request: attach the caller first.</source>
        <translation>No caller with a phone number is attached to this request: attach the caller first.</translation>
    </message>
    <message>
        <source>This callback is not in the store.</source>
        <translation>This callback is not in the store.</translation>
    </message>
    <message>
        <source>This callback was already marked done by %1.</source>
        <translation>This callback was already marked done by %1.</translation>
    </message>
    <message>
        <source>Choose how the callback went.</source>
        <translation>Choose how the callback went.</translation>
    </message>
    <message>
        <source>Write what to tell or ask the caller when you call back.</source>
        <translation>Write what to tell or ask the caller when you call back.</translation>
    </message>
</context>
<context>
    <name>RequestNumber</name>
    <message>
        <source>Device code &quot;%1&quot; is not five symbols from the request-number alphabet.</source>
        <translation>Device code &quot;%1&quot; is not five symbols from the request-number alphabet.</translation>
    </message>
    <message>
        <source>Sequence %1 is outside 0 to %2.</source>
        <translation>Sequence %1 is outside 0 to %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is never used in request numbers (no 0, O, 1, I or L). Ask the caller to read the number again.</source>
        <translation>&quot;%1&quot; is never used in request numbers (no 0, O, 1, I or L). Ask the caller to read the number again.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot appear in a request number.</source>
        <translation>&quot;%1&quot; cannot appear in a request number.</translation>
    </message>
    <message>
        <source>A request number has %1 characters; this one has %2.</source>
        <translation>A request number has %1 characters; this one has %2.</translation>
    </message>
    <message>
        <source>%1 is not a valid request number: a character was misheard or two were swapped. Ask the caller to read it again.</source>
        <translation>%1 is not a valid request number: a character was misheard or two were swapped. Ask the caller to read it again.</translation>
    </message>
</context>
<context>
    <name>ReviewEvent</name>
    <message>
        <source>The score is a number from 0 to 100.</source>
        <translation>The score is a number from 0 to 100.</translation>
    </message>
    <message>
        <source>Write the %1: it is required.</source>
        <translation>Write the %1: it is required.</translation>
    </message>
    <message>
        <source>The %1 is longer than %2 characters.</source>
        <translation>The %1 is longer than %2 characters.</translation>
    </message>
    <message>
        <source>Name the contact the evaluation is about.</source>
        <translation>Name the contact the evaluation is about.</translation>
    </message>
    <message>
        <source>The score does not follow from the form and the answers (%1 expected).</source>
        <translation>The score does not follow from the form and the answers (%1 expected).</translation>
    </message>
    <message>
        <source>A quality review event is about a review.</source>
        <translation>A quality review event is about a review.</translation>
    </message>
    <message>
        <source>A quality review event is one of: %1.</source>
        <translation>A quality review event is one of: %1.</translation>
    </message>
    <message>
        <source>A form is published under its own id.</source>
        <translation>A form is published under its own id.</translation>
    </message>
    <message>
        <source>Name the agent the review is about.</source>
        <translation>Name the agent the review is about.</translation>
    </message>
    <message>
        <source>A decision on a dispute is upheld or rescored.</source>
        <translation>A decision on a dispute is upheld or rescored.</translation>
    </message>
</context>
<context>
    <name>RoleText</name>
    <message>
        <source>Call taker</source>
        <translation>Call taker</translation>
    </message>
    <message>
        <source>Lobby counter</source>
        <translation>Lobby counter</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <source>Knowledge editor</source>
        <translation>Knowledge editor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>ScenarioLibrary</name>
    <message>
        <source>is used by another scenario</source>
        <translation>is used by another scenario</translation>
    </message>
    <message>
        <source>is a bundled scenario&apos;s (those stay as the city pack ships them): give this one an id of its own</source>
        <translation>is a bundled scenario&apos;s (those stay as the city pack ships them): give this one an id of its own</translation>
    </message>
    <message>
        <source>is used by another trainer&apos;s scenario (%1)</source>
        <translation>is used by another trainer&apos;s scenario (%1)</translation>
    </message>
    <message>
        <source>The %1 role may not write practice scenarios: trainers and admins do.</source>
        <translation>The %1 role may not write practice scenarios: trainers and admins do.</translation>
    </message>
    <message>
        <source>This workstation has no folder for trainers&apos; scenarios.</source>
        <translation>This workstation has no folder for trainers&apos; scenarios.</translation>
    </message>
    <message>
        <source>The folder %1 could not be made.</source>
        <translation>The folder %1 could not be made.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 could not be written: %2</translation>
    </message>
    <message>
        <source>The %1 role may not delete practice scenarios: trainers and admins do.</source>
        <translation>The %1 role may not delete practice scenarios: trainers and admins do.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a bundled scenario: it comes with the city pack and cannot be deleted here.</source>
        <translation>&quot;%1&quot; is a bundled scenario: it comes with the city pack and cannot be deleted here.</translation>
    </message>
    <message>
        <source>No trainer&apos;s scenario &quot;%1&quot; is kept in %2.</source>
        <translation>No trainer&apos;s scenario &quot;%1&quot; is kept in %2.</translation>
    </message>
    <message>
        <source>%1 could not be deleted; check the folder&apos;s permissions.</source>
        <translation>%1 could not be deleted; check the folder&apos;s permissions.</translation>
    </message>
</context>
<context>
    <name>ScenarioLoader</name>
    <message>
        <source>is required</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>must be a text</source>
        <translation>must be a text</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>is empty</translation>
    </message>
    <message>
        <source>must be a list of texts</source>
        <translation>must be a list of texts</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>must be a whole number from %1 to %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a language code</source>
        <translation>&quot;%1&quot; is not a language code</translation>
    </message>
    <message>
        <source>must be 1 to 64 lowercase letters, digits, &quot;-&quot; or &quot;_&quot;</source>
        <translation>must be 1 to 64 lowercase letters, digits, &quot;-&quot; or &quot;_&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a channel (phone, walk_in, email, web, text, mail)</source>
        <translation>&quot;%1&quot; is not a channel (phone, walk_in, email, web, text, mail)</translation>
    </message>
    <message>
        <source>is required (an object)</source>
        <translation>is required (an object)</translation>
    </message>
    <message>
        <source>is required (the answer on the form)</source>
        <translation>is required (the answer on the form)</translation>
    </message>
    <message>
        <source>latitude and longitude are required</source>
        <translation>latitude and longitude are required</translation>
    </message>
    <message>
        <source>must be 0 to 365</source>
        <translation>must be 0 to 365</translation>
    </message>
    <message>
        <source>must be &quot;attach&quot; or &quot;create_anyway&quot;</source>
        <translation>must be &quot;attach&quot; or &quot;create_anyway&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an outcome</source>
        <translation>&quot;%1&quot; is not an outcome</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>cannot be read: %1</translation>
    </message>
    <message>
        <source>is not valid JSON at offset %1: %2</source>
        <translation>is not valid JSON at offset %1: %2</translation>
    </message>
    <message>
        <source>must be &quot;%1&quot; with format_version 1</source>
        <translation>must be &quot;%1&quot; with format_version 1</translation>
    </message>
    <message>
        <source>is required (a list of scenarios)</source>
        <translation>is required (a list of scenarios)</translation>
    </message>
    <message>
        <source>is used by an earlier scenario</source>
        <translation>is used by an earlier scenario</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a request type of this city</source>
        <translation>&quot;%1&quot; is not a request type of this city</translation>
    </message>
    <message>
        <source>is not a question of %1</source>
        <translation>is not a question of %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of its values</source>
        <translation>&quot;%1&quot; is not one of its values</translation>
    </message>
    <message>
        <source>the type&apos;s required question has no answer in the scenario</source>
        <translation>the type&apos;s required question has no answer in the scenario</translation>
    </message>
    <message>
        <source>%1 is an emergency type: the expected outcome is a transfer</source>
        <translation>%1 is an emergency type: the expected outcome is a transfer</translation>
    </message>
    <message>
        <source>answers need an expected service_code</source>
        <translation>answers need an expected service_code</translation>
    </message>
    <message>
        <source>a transfer names where the call goes</source>
        <translation>a transfer names where the call goes</translation>
    </message>
    <message>
        <source>a place outside the city is referred (outcome &quot;referred&quot;)</source>
        <translation>a place outside the city is referred (outcome &quot;referred&quot;)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the city&apos;s referrals</source>
        <translation>&quot;%1&quot; is not one of the city&apos;s referrals</translation>
    </message>
    <message>
        <source>attaching needs a seeded open request of the expected type</source>
        <translation>attaching needs a seeded open request of the expected type</translation>
    </message>
    <message>
        <source>attaching ends as &quot;attached_to_existing&quot;</source>
        <translation>attaching ends as &quot;attached_to_existing&quot;</translation>
    </message>
    <message>
        <source>must be &quot;created&quot; or the ref of a seeded request</source>
        <translation>must be &quot;created&quot; or the ref of a seeded request</translation>
    </message>
    <message>
        <source>names no seeded request</source>
        <translation>names no seeded request</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an article of this city&apos;s knowledge base</source>
        <translation>&quot;%1&quot; is not an article of this city&apos;s knowledge base</translation>
    </message>
</context>
<context>
    <name>ServerOptions</name>
    <message>
        <source>Address and port to listen on (default 127.0.0.1:8311; port 0 picks a free one). Put nginx in front for TLS.</source>
        <translation>Address and port to listen on (default 127.0.0.1:8311; port 0 picks a free one). Put nginx in front for TLS.</translation>
    </message>
    <message>
        <source>Load a city pack into the store (idempotent) and exit.</source>
        <translation>Load a city pack into the store (idempotent) and exit.</translation>
    </message>
    <message>
        <source>The URL clients use to reach the Open311 API, for discovery (default: http://ADDR:PORT/open311/v2).</source>
        <translation>The URL clients use to reach the Open311 API, for discovery (default: http://ADDR:PORT/open311/v2).</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;. See --help.</source>
        <translation>Unexpected argument &quot;%1&quot;. See --help.</translation>
    </message>
    <message>
        <source>--listen &quot;%1&quot; must be ADDR:PORT, e.g. 127.0.0.1:8311 or 0.0.0.0:8311.</source>
        <translation>--listen &quot;%1&quot; must be ADDR:PORT, e.g. 127.0.0.1:8311 or 0.0.0.0:8311.</translation>
    </message>
    <message>
        <source>--import-city: &quot;%1&quot; is not a folder.</source>
        <translation>--import-city: &quot;%1&quot; is not a folder.</translation>
    </message>
    <message>
        <source>civicdesk-server, the central store of CivicDesk: the sync API for workstations (/api/v1) and Open311 GeoReport v2 for web, mobile and open-data clients (/open311).</source>
        <translation>civicdesk-server, the central store of CivicDesk: the sync API for workstations (/api/v1) and Open311 GeoReport v2 for web, mobile and open-data clients (/open311).</translation>
    </message>
    <message>
        <source>The store: an SQLite file path (default: civicdesk-server.sqlite in the data folder; one site) or a PostgreSQL 15 database, postgresql://user:password@host:port/dbname (a city; several server processes may share it). Percent-encode reserved characters in the password (@ as %40, / as %2F).</source>
        <translation>The store: an SQLite file path (default: civicdesk-server.sqlite in the data folder; one site) or a PostgreSQL 15 database, postgresql://user:password@host:port/dbname (a city; several server processes may share it). Percent-encode reserved characters in the password (@ as %40, / as %2F).</translation>
    </message>
    <message>
        <source>Add a user (with --role) and exit; the password is read from standard input (at least 10 characters).</source>
        <translation>Add a user (with --role) and exit; the password is read from standard input (at least 10 characters).</translation>
    </message>
    <message>
        <source>The role for --add-user: call_taker, lobby, supervisor, trainer, editor or admin.</source>
        <translation>The role for --add-user: call_taker, lobby, supervisor, trainer, editor or admin.</translation>
    </message>
    <message>
        <source>Set a user&apos;s password (read from standard input), end their sessions and unlock the account, then exit.</source>
        <translation>Set a user&apos;s password (read from standard input), end their sessions and unlock the account, then exit.</translation>
    </message>
    <message>
        <source>Disable a user (their tokens stop working at once) and exit.</source>
        <translation>Disable a user (their tokens stop working at once) and exit.</translation>
    </message>
    <message>
        <source>Enable a disabled user again and exit.</source>
        <translation>Enable a disabled user again and exit.</translation>
    </message>
    <message>
        <source>Make an Open311 API key for LABEL (the app or partner using it), print it as the last line and exit.</source>
        <translation>Make an Open311 API key for LABEL (the app or partner using it), print it as the last line and exit.</translation>
    </message>
    <message>
        <source>Revoke the API key of LABEL and exit.</source>
        <translation>Revoke the API key of LABEL and exit.</translation>
    </message>
    <message>
        <source>--add-user needs --role, one of: %1.</source>
        <translation>--add-user needs --role, one of: %1.</translation>
    </message>
    <message>
        <source>--role goes with --add-user; to change a role use PATCH /api/v1/users/NAME as an admin.</source>
        <translation>--role goes with --add-user; to change a role use PATCH /api/v1/users/NAME as an admin.</translation>
    </message>
    <message>
        <source>Read a city pack as --import-city would, list every problem (file, line or key, what was expected) and exit: 0 when there is none, 1 otherwise. Writes nothing.</source>
        <translation>Read a city pack as --import-city would, list every problem (file, line or key, what was expected) and exit: 0 when there is none, 1 otherwise. Writes nothing.</translation>
    </message>
    <message>
        <source>With --import-city: replace the city the store holds by the pack&apos;s (a store holds one city; refused when requests were recorded in it).</source>
        <translation>With --import-city: replace the city the store holds by the pack&apos;s (a store holds one city; refused when requests were recorded in it).</translation>
    </message>
    <message>
        <source>Give one command at a time (--import-city, --check-city, --add-user, --reset-password, --disable-user, --enable-user, --create-api-key, --revoke-api-key).</source>
        <translation>Give one command at a time (--import-city, --check-city, --add-user, --reset-password, --disable-user, --enable-user, --create-api-key, --revoke-api-key).</translation>
    </message>
    <message>
        <source>Give --check-city or --import-city, not both.</source>
        <translation>Give --check-city or --import-city, not both.</translation>
    </message>
    <message>
        <source>--check-city: &quot;%1&quot; is not a folder.</source>
        <translation>--check-city: &quot;%1&quot; is not a folder.</translation>
    </message>
    <message>
        <source>--replace-city goes with --import-city DIR.</source>
        <translation>--replace-city goes with --import-city DIR.</translation>
    </message>
    <message>
        <source>%1 connections need %2 file descriptors; this process may open %3 (raise LimitNOFILE= in the unit or ulimit -n, or lower --max-connections).</source>
        <translation>%1 connections need %2 file descriptors; this process may open %3 (raise LimitNOFILE= in the unit or ulimit -n, or lower --max-connections).</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; must be a whole number from %3 to %4.</source>
        <translation>%1 &quot;%2&quot; must be a whole number from %3 to %4.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an IP address or network (e.g. 127.0.0.1, ::1 or 10.0.0.0/8).</source>
        <translation>%1: &quot;%2&quot; is not an IP address or network (e.g. 127.0.0.1, ::1 or 10.0.0.0/8).</translation>
    </message>
    <message>
        <source>Open client connections at most (default %1, or fewer when the descriptor limit is lower); one more is answered 503 with Retry-After and closed. Environment: CIVICDESK_MAX_CONNECTIONS.</source>
        <translation>Open client connections at most (default %1, or fewer when the descriptor limit is lower); one more is answered 503 with Retry-After and closed. Environment: CIVICDESK_MAX_CONNECTIONS.</translation>
    </message>
    <message>
        <source>Seconds a client has to send a request&apos;s head (default 10). Environment: CIVICDESK_HEADER_TIMEOUT.</source>
        <translation>Seconds a client has to send a request&apos;s head (default 10). Environment: CIVICDESK_HEADER_TIMEOUT.</translation>
    </message>
    <message>
        <source>Seconds an idle kept-alive connection stays open (default 75; keep it above nginx&apos;s keepalive_timeout). Environment: CIVICDESK_IDLE_TIMEOUT.</source>
        <translation>Seconds an idle kept-alive connection stays open (default 75; keep it above nginx&apos;s keepalive_timeout). Environment: CIVICDESK_IDLE_TIMEOUT.</translation>
    </message>
    <message>
        <source>Addresses or networks of reverse proxies whose X-Forwarded-For names the client (e.g. 127.0.0.1,::1 for nginx on this machine; default: none). Environment: CIVICDESK_TRUSTED_PROXIES.</source>
        <translation>Addresses or networks of reverse proxies whose X-Forwarded-For names the client (e.g. 127.0.0.1,::1 for nginx on this machine; default: none). Environment: CIVICDESK_TRUSTED_PROXIES.</translation>
    </message>
    <message>
        <source>Threads that check passwords (default 2). Environment: CIVICDESK_SIGN_IN_WORKERS.</source>
        <translation>Threads that check passwords (default 2). Environment: CIVICDESK_SIGN_IN_WORKERS.</translation>
    </message>
    <message>
        <source>Sign-ins that may wait for a password check (default 100); more are answered 503 with Retry-After. Environment: CIVICDESK_SIGN_IN_QUEUE.</source>
        <translation>Sign-ins that may wait for a password check (default 100); more are answered 503 with Retry-After. Environment: CIVICDESK_SIGN_IN_QUEUE.</translation>
    </message>
    <message>
        <source>Sign-in attempts a minute from one client address (default 120). Environment: CIVICDESK_SIGN_INS_PER_ADDRESS.</source>
        <translation>Sign-in attempts a minute from one client address (default 120). Environment: CIVICDESK_SIGN_INS_PER_ADDRESS.</translation>
    </message>
    <message>
        <source>Sign-in attempts a minute for one user name (default 10). Environment: CIVICDESK_SIGN_INS_PER_ACCOUNT.</source>
        <translation>Sign-in attempts a minute for one user name (default 10). Environment: CIVICDESK_SIGN_INS_PER_ACCOUNT.</translation>
    </message>
    <message>
        <source>Pushes (and sign-ins, sign-outs, Open311 POSTs) that may wait to be written (default 256); more are answered 503 with Retry-After. Environment: CIVICDESK_PUSH_QUEUE.</source>
        <translation>Pushes (and sign-ins, sign-outs, Open311 POSTs) that may wait to be written (default 256); more are answered 503 with Retry-After. Environment: CIVICDESK_PUSH_QUEUE.</translation>
    </message>
    <message>
        <source>Of those, connections that have not carried a valid sign-in token (default: three quarters); the rest are kept for signed-in workstations, which are never refused while a connection not signed in sits idle. Environment: CIVICDESK_MAX_ANONYMOUS_CONNECTIONS.</source>
        <translation>Of those, connections that have not carried a valid sign-in token (default: three quarters); the rest are kept for signed-in workstations, which are never refused while a connection not signed in sits idle. Environment: CIVICDESK_MAX_ANONYMOUS_CONNECTIONS.</translation>
    </message>
    <message>
        <source>--max-anonymous-connections (%1) cannot be more than --max-connections (%2).</source>
        <translation>--max-anonymous-connections (%1) cannot be more than --max-connections (%2).</translation>
    </message>
</context>
<context>
    <name>ServiceNames</name>
    <message>
        <source>keyed by the service list&apos;s service codes, none empty</source>
        <translation>keyed by the service list&apos;s service codes, none empty</translation>
    </message>
    <message>
        <source>an object of names by language, e.g. {&quot;es&quot;: &quot;Bache en la calle&quot;}</source>
        <translation>an object of names by language, e.g. {&quot;es&quot;: &quot;Bache en la calle&quot;}</translation>
    </message>
    <message>
        <source>keyed by one of the pack&apos;s &quot;languages&quot; (%1); add the language there first</source>
        <translation>keyed by one of the pack&apos;s &quot;languages&quot; (%1); add the language there first</translation>
    </message>
    <message>
        <source>a name of 1 to %1 characters</source>
        <translation>a name of 1 to %1 characters</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>&quot;%1&quot; must be %2.</translation>
    </message>
</context>
<context>
    <name>SharedPractice</name>
    <message>
        <source>The scenario is not saved: %1</source>
        <translation>The scenario is not saved: %1</translation>
    </message>
    <message>
        <source>Practice scenarios are written by trainers and admins; %1 works as %2.</source>
        <translation>Practice scenarios are written by trainers and admins; %1 works as %2.</translation>
    </message>
    <message>
        <source>&quot;scenario&quot; is required: one scenario of the scenario file format.</source>
        <translation>&quot;scenario&quot; is required: one scenario of the scenario file format.</translation>
    </message>
    <message>
        <source>&quot;replacing&quot; must be the id of the scenario being edited (a string).</source>
        <translation>&quot;replacing&quot; must be the id of the scenario being edited (a string).</translation>
    </message>
    <message>
        <source>A practice scenario with the id &quot;%1&quot; exists already: choose another id, or edit that scenario.</source>
        <translation>A practice scenario with the id &quot;%1&quot; exists already: choose another id, or edit that scenario.</translation>
    </message>
    <message>
        <source>Practice scenarios are deleted by trainers and admins; %1 works as %2.</source>
        <translation>Practice scenarios are deleted by trainers and admins; %1 works as %2.</translation>
    </message>
    <message>
        <source>&quot;id&quot; is required: the id of the scenario to delete.</source>
        <translation>&quot;id&quot; is required: the id of the scenario to delete.</translation>
    </message>
    <message>
        <source>No shared practice scenario has the id &quot;%1&quot;.</source>
        <translation>No shared practice scenario has the id &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Only trainers, supervisors and admins read other trainees&apos; practice runs.</source>
        <translation>Only trainers, supervisors and admins read other trainees&apos; practice runs.</translation>
    </message>
    <message>
        <source>&quot;runs&quot; is required: a list of 1 to %1 practice runs.</source>
        <translation>&quot;runs&quot; is required: a list of 1 to %1 practice runs.</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>Run %1: %2</translation>
    </message>
    <message>
        <source>Run %1 is %2&apos;s; %3 may send only their own practice runs.</source>
        <translation>Run %1 is %2&apos;s; %3 may send only their own practice runs.</translation>
    </message>
</context>
<context>
    <name>StatusReadback</name>
    <message>
        <source>Type or read in the request number.</source>
        <translation>Type or read in the request number.</translation>
    </message>
    <message>
        <source>A city case number has %1 digits; this one has %2. Ask the caller to read it again.</source>
        <translation>A city case number has %1 digits; this one has %2. Ask the caller to read it again.</translation>
    </message>
    <message>
        <source>No request %1 in this workstation&apos;s store. Check the number with the caller; a request made elsewhere arrives once the workstation syncs.</source>
        <translation>No request %1 in this workstation&apos;s store. Check the number with the caller; a request made elsewhere arrives once the workstation syncs.</translation>
    </message>
</context>
<context>
    <name>StorableText</name>
    <message>
        <source>starts with a byte-order mark (U+FEFF)</source>
        <translation>starts with a byte-order mark (U+FEFF)</translation>
    </message>
    <message>
        <source>holds a NUL character (U+0000)</source>
        <translation>holds a NUL character (U+0000)</translation>
    </message>
    <message>
        <source>holds a noncharacter (U+FFFE or U+FFFF)</source>
        <translation>holds a noncharacter (U+FFFE or U+FFFF)</translation>
    </message>
    <message>
        <source>holds a lone surrogate (not valid Unicode text)</source>
        <translation>holds a lone surrogate (not valid Unicode text)</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>Cannot create folder %1.</source>
        <translation>Cannot create folder %1.</translation>
    </message>
    <message>
        <source>The Qt SQLite driver is not installed (Debian package libqt6sql6-sqlite).</source>
        <translation>The Qt SQLite driver is not installed (Debian package libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation>Cannot open the store %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a CivicDesk store (%2).</source>
        <translation>%1 is not a CivicDesk store (%2).</translation>
    </message>
    <message>
        <source>The SQLite library lacks %1, which CivicDesk needs.</source>
        <translation>The SQLite library lacks %1, which CivicDesk needs.</translation>
    </message>
    <message>
        <source>This store was written by a newer CivicDesk (schema version %1; this version reads up to %2). Update CivicDesk, or open another store with --database.</source>
        <translation>This store was written by a newer CivicDesk (schema version %1; this version reads up to %2). Update CivicDesk, or open another store with --database.</translation>
    </message>
    <message>
        <source>Upgrading the store to schema version %1 failed; it is unchanged. %2</source>
        <translation>Upgrading the store to schema version %1 failed; it is unchanged. %2</translation>
    </message>
    <message>
        <source>%1 event: &quot;%2&quot; %3</source>
        <translation>%1 event: &quot;%2&quot; %3</translation>
    </message>
    <message>
        <source>must all be set</source>
        <translation>must all be set</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>names no editable field</source>
        <translation>names no editable field</translation>
    </message>
    <message>
        <source>must be open, in_progress or closed</source>
        <translation>must be open, in_progress or closed</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>is empty</translation>
    </message>
    <message>
        <source>is not a known channel</source>
        <translation>is not a known channel</translation>
    </message>
    <message>
        <source>is not a known outcome</source>
        <translation>is not a known outcome</translation>
    </message>
    <message>
        <source>is not a known event kind</source>
        <translation>is not a known event kind</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>cannot start a transaction: %1</source>
        <translation>cannot start a transaction: %1</translation>
    </message>
    <message>
        <source>cannot commit: %1</source>
        <translation>cannot commit: %1</translation>
    </message>
    <message>
        <source>names no article in this store</source>
        <translation>names no article in this store</translation>
    </message>
    <message>
        <source>is not a move allowed from the article&apos;s state</source>
        <translation>is not a move allowed from the article&apos;s state</translation>
    </message>
    <message>
        <source>is not an article field with a text value</source>
        <translation>is not an article field with a text value</translation>
    </message>
    <message>
        <source>must be agent or public</source>
        <translation>must be agent or public</translation>
    </message>
    <message>
        <source>must be a date like 2027-01-31</source>
        <translation>must be a date like 2027-01-31</translation>
    </message>
    <message>
        <source>must be draft, in_review, published or archived</source>
        <translation>must be draft, in_review, published or archived</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PostgreSQL URL of the form postgresql://user:password@host:port/dbname (%2).</source>
        <translation>&quot;%1&quot; is not a PostgreSQL URL of the form postgresql://user:password@host:port/dbname (%2).</translation>
    </message>
    <message>
        <source>malformed: check the port and that reserved characters are %-encoded</source>
        <translation>malformed: check the port and that reserved characters are %-encoded</translation>
    </message>
    <message>
        <source>no host</source>
        <translation>no host</translation>
    </message>
    <message>
        <source>no user name</source>
        <translation>no user name</translation>
    </message>
    <message>
        <source>no database name</source>
        <translation>no database name</translation>
    </message>
    <message>
        <source>The Qt PostgreSQL driver is not installed (Debian package libqt6sql6-psql).</source>
        <translation>The Qt PostgreSQL driver is not installed (Debian package libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>PostgreSQL at %1 refused user &quot;%2&quot;: wrong user name or password.</source>
        <translation>PostgreSQL at %1 refused user &quot;%2&quot;: wrong user name or password.</translation>
    </message>
    <message>
        <source>PostgreSQL at %1 has no database &quot;%2&quot;; create it first (createdb %2).</source>
        <translation>PostgreSQL at %1 has no database &quot;%2&quot;; create it first (createdb %2).</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: is the server running there and reachable?</source>
        <translation>Cannot connect to PostgreSQL at %1: is the server running there and reachable?</translation>
    </message>
    <message>
        <source>No PostgreSQL form is known for the migration statement &quot;%1&quot;.</source>
        <translation>No PostgreSQL form is known for the migration statement &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No reference table &quot;%1&quot;; the tables are: %2.</source>
        <translation>No reference table &quot;%1&quot;; the tables are: %2.</translation>
    </message>
    <message>
        <source>names the request itself</source>
        <translation>names the request itself</translation>
    </message>
    <message>
        <source>is not an ISO 8601 time</source>
        <translation>is not an ISO 8601 time</translation>
    </message>
    <message>
        <source>must be one of %1</source>
        <translation>must be one of %1</translation>
    </message>
    <message>
        <source>is not a link event</source>
        <translation>is not a link event</translation>
    </message>
    <message>
        <source>Cannot reach the store %1: %2</source>
        <translation>Cannot reach the store %1: %2</translation>
    </message>
    <message>
        <source>is missing: latitude and longitude go together</source>
        <translation>is missing: latitude and longitude go together</translation>
    </message>
    <message>
        <source>must be a number of degrees from -90 to 90</source>
        <translation>must be a number of degrees from -90 to 90</translation>
    </message>
    <message>
        <source>must be a number of degrees from -180 to 180</source>
        <translation>must be a number of degrees from -180 to 180</translation>
    </message>
    <message>
        <source>must be an ISO 8601 time such as 2026-12-06T14:30:00Z</source>
        <translation>must be an ISO 8601 time such as 2026-12-06T14:30:00Z</translation>
    </message>
    <message>
        <source>must be a language code such as en, es or zh</source>
        <translation>must be a language code such as en, es or zh</translation>
    </message>
    <message>
        <source>must be an http(s) URL</source>
        <translation>must be an http(s) URL</translation>
    </message>
    <message>
        <source>must be 1 to %1 characters</source>
        <translation>must be 1 to %1 characters</translation>
    </message>
    <message>
        <source>is not a language code</source>
        <translation>is not a language code</translation>
    </message>
    <message>
        <source>must be agent</source>
        <translation>must be agent</translation>
    </message>
    <message>
        <source>is longer than 200 characters</source>
        <translation>is longer than 200 characters</translation>
    </message>
    <message>
        <source>has no revision waiting to be published</source>
        <translation>has no revision waiting to be published</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>must be text</translation>
    </message>
    <message>
        <source>is neither an E.164 number nor a short code</source>
        <translation>is neither an E.164 number nor a short code</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>is longer than %1 characters</translation>
    </message>
    <message>
        <source>is not a known intake step</source>
        <translation>is not a known intake step</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>must be an object</translation>
    </message>
    <message>
        <source>is not a known call end cause</source>
        <translation>is not a known call end cause</translation>
    </message>
    <message>
        <source>must be ticket</source>
        <translation>must be ticket</translation>
    </message>
    <message>
        <source>must be 1 to 12 characters</source>
        <translation>must be 1 to 12 characters</translation>
    </message>
    <message>
        <source>must be a date such as 2026-12-06</source>
        <translation>must be a date such as 2026-12-06</translation>
    </message>
    <message>
        <source>must be en or es</source>
        <translation>must be en or es</translation>
    </message>
    <message>
        <source>must be at most 100 characters</source>
        <translation>must be at most 100 characters</translation>
    </message>
    <message>
        <source>must be 1 to 20 characters</source>
        <translation>must be 1 to 20 characters</translation>
    </message>
    <message>
        <source>must be a whole number from 0</source>
        <translation>must be a whole number from 0</translation>
    </message>
    <message>
        <source>or &quot;to_category&quot; is required</source>
        <translation>or &quot;to_category&quot; is required</translation>
    </message>
    <message>
        <source>Ticket %1 is not waiting any more: another counter has called it.</source>
        <translation>Ticket %1 is not waiting any more: another counter has called it.</translation>
    </message>
    <message>
        <source>must be known_issue</source>
        <translation>must be known_issue</translation>
    </message>
    <message>
        <source>%1 event: %2</source>
        <translation>%1 event: %2</translation>
    </message>
    <message>
        <source>must be %1</source>
        <translation>must be %1</translation>
    </message>
    <message>
        <source>Ticket number %1 is already given today.</source>
        <translation>Ticket number %1 is already given today.</translation>
    </message>
    <message>
        <source>is missing: give the search&apos;s language code (such as en or es), or an empty text when it is not known</source>
        <translation>is missing: give the search&apos;s language code (such as en or es), or an empty text when it is not known</translation>
    </message>
</context>
<context>
    <name>SupervisionExport</name>
    <message>
        <source>More than %1 rows: export a shorter period.</source>
        <translation>More than %1 rows: export a shorter period.</translation>
    </message>
</context>
<context>
    <name>SupervisionKpis</name>
    <message>
        <source>The city has no valid time zone; the figures cannot be counted by its days.</source>
        <translation>The city has no valid time zone; the figures cannot be counted by its days.</translation>
    </message>
    <message>
        <source>The first day must be on or before the last day.</source>
        <translation>The first day must be on or before the last day.</translation>
    </message>
    <message>
        <source>Choose at most %1 days at once.</source>
        <translation>Choose at most %1 days at once.</translation>
    </message>
    <message>
        <source>&quot;Due within&quot; is 1 to %1 hours.</source>
        <translation>&quot;Due within&quot; is 1 to %1 hours.</translation>
    </message>
    <message>
        <source>This store holds none of the city&apos;s imported request history: the central store&apos;s figures also count it.</source>
        <translation>This store holds none of the city&apos;s imported request history: the central store&apos;s figures also count it.</translation>
    </message>
    <message numerus="yes">
        <source>This store holds %Ln request(s) of the city&apos;s imported history, opened %1 to %2; the central store&apos;s figures count all it holds.</source>
        <translation>
            <numerusform>This store holds %Ln request of the city&apos;s imported history, opened %1 to %2; the central store&apos;s figures count all it holds.</numerusform>
            <numerusform>This store holds %Ln requests of the city&apos;s imported history, opened %1 to %2; the central store&apos;s figures count all it holds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>The server sent an unknown reference table &quot;%1&quot;.</source>
        <translation>The server sent an unknown reference table &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The server&apos;s &quot;%1&quot; table has no &quot;%2&quot; column.</source>
        <translation>The server&apos;s &quot;%1&quot; table has no &quot;%2&quot; column.</translation>
    </message>
    <message>
        <source>No rejected change %1 is waiting to be corrected.</source>
        <translation>No rejected change %1 is waiting to be corrected.</translation>
    </message>
    <message>
        <source>The server offers a reference table &quot;%1&quot; this CivicDesk does not know.</source>
        <translation>The server offers a reference table &quot;%1&quot; this CivicDesk does not know.</translation>
    </message>
    <message>
        <source>Standalone: showing this workstation&apos;s records only.</source>
        <translation>Standalone: showing this workstation&apos;s records only.</translation>
    </message>
    <message>
        <source>Not signed in to the central store: showing this workstation&apos;s records only.</source>
        <translation>Not signed in to the central store: showing this workstation&apos;s records only.</translation>
    </message>
    <message>
        <source>The central store cannot be reached (%1): showing this workstation&apos;s records only.</source>
        <translation>The central store cannot be reached (%1): showing this workstation&apos;s records only.</translation>
    </message>
    <message>
        <source>The central store&apos;s answer could not be read (%1): showing this workstation&apos;s records only.</source>
        <translation>The central store&apos;s answer could not be read (%1): showing this workstation&apos;s records only.</translation>
    </message>
    <message>
        <source>The server&apos;s &quot;%1&quot; column is binary but a value is not base64.</source>
        <translation>The server&apos;s &quot;%1&quot; column is binary but a value is not base64.</translation>
    </message>
</context>
<context>
    <name>SyncApi</name>
    <message>
        <source>Too many sign-in attempts from this address; wait %1 seconds.</source>
        <translation>Too many sign-in attempts from this address; wait %1 seconds.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required (a string).</source>
        <translation>&quot;%1&quot; is required (a string).</translation>
    </message>
    <message>
        <source>&quot;device&quot; must be a string.</source>
        <translation>&quot;device&quot; must be a string.</translation>
    </message>
    <message>
        <source>&quot;events&quot; must be an array of events.</source>
        <translation>&quot;events&quot; must be an array of events.</translation>
    </message>
    <message>
        <source>Send 1 to %1 events per batch.</source>
        <translation>Send 1 to %1 events per batch.</translation>
    </message>
    <message>
        <source>Each event must be a JSON object.</source>
        <translation>Each event must be a JSON object.</translation>
    </message>
    <message>
        <source>The store could not accept the batch; nothing was written. %1</source>
        <translation>The store could not accept the batch; nothing was written. %1</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be a sequence number (0 or more).</source>
        <translation>&quot;after&quot; must be a sequence number (0 or more).</translation>
    </message>
    <message>
        <source>&quot;limit&quot; must be from 1 to %1.</source>
        <translation>&quot;limit&quot; must be from 1 to %1.</translation>
    </message>
    <message>
        <source>&quot;wait&quot; must be from 0 to %1 seconds.</source>
        <translation>&quot;wait&quot; must be from 0 to %1 seconds.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts for this account; wait %1 seconds.</source>
        <translation>Too many sign-in attempts for this account; wait %1 seconds.</translation>
    </message>
    <message>
        <source>The server is checking as many sign-ins as it can; try again in %1 seconds.</source>
        <translation>The server is checking as many sign-ins as it can; try again in %1 seconds.</translation>
    </message>
    <message>
        <source>The server has as many batches waiting to be written as it takes; try again in %1 seconds.</source>
        <translation>The server has as many batches waiting to be written as it takes; try again in %1 seconds.</translation>
    </message>
    <message>
        <source>The server has as many writes waiting for the store as it takes; try again in %1 seconds.</source>
        <translation>The server has as many writes waiting for the store as it takes; try again in %1 seconds.</translation>
    </message>
</context>
<context>
    <name>TeamMembership</name>
    <message>
        <source>A team&apos;s name is at most %1 characters.</source>
        <translation>A team&apos;s name is at most %1 characters.</translation>
    </message>
    <message>
        <source>A team&apos;s name cannot hold control characters.</source>
        <translation>A team&apos;s name cannot hold control characters.</translation>
    </message>
    <message>
        <source>A team&apos;s name cannot start or end with spaces.</source>
        <translation>A team&apos;s name cannot start or end with spaces.</translation>
    </message>
    <message>
        <source>Name the agent.</source>
        <translation>Name the agent.</translation>
    </message>
    <message>
        <source>&quot;team&quot; must be a name (empty for no team).</source>
        <translation>&quot;team&quot; must be a name (empty for no team).</translation>
    </message>
</context>
<context>
    <name>TelephonyAdapter</name>
    <message>
        <source>no answer within %1 s</source>
        <translation>no answer within %1 s</translation>
    </message>
    <message>
        <source>the connection closed</source>
        <translation>the connection closed</translation>
    </message>
    <message>
        <source>The phone is not connected (%1); use the phone itself.</source>
        <translation>The phone is not connected (%1); use the phone itself.</translation>
    </message>
    <message>
        <source>The command could not be sent to %1: %2</source>
        <translation>The command could not be sent to %1: %2</translation>
    </message>
</context>
<context>
    <name>TraineeReport</name>
    <message>
        <source>Answers to the type&apos;s questions</source>
        <translation>Answers to the type&apos;s questions</translation>
    </message>
</context>
<context>
    <name>TraineeReportPdf</name>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 of %2 (%3%)</translation>
    </message>
    <message>
        <source>TRAINING — practice record, not live work</source>
        <translation>TRAINING — practice record, not live work</translation>
    </message>
    <message>
        <source>Practice report: %1</source>
        <translation>Practice report: %1</translation>
    </message>
    <message>
        <source>Practice calls: %1 · scenarios passed: %2 of %3 · average score: %4</source>
        <translation>Practice calls: %1 · scenarios passed: %2 of %3 · average score: %4</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Scenarios</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Tries</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Best</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>not yet</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Met, all calls</source>
        <translation>Met, all calls</translation>
    </message>
    <message>
        <source>Met, last %1</source>
        <translation>Met, last %1</translation>
    </message>
    <message>
        <source>Not passed yet</source>
        <translation>Not passed yet</translation>
    </message>
    <message>
        <source>Every scenario is passed.</source>
        <translation>Every scenario is passed.</translation>
    </message>
    <message>
        <source>Every call</source>
        <translation>Every call</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Critical failures</source>
        <translation>Critical failures</translation>
    </message>
    <message>
        <source>%1 (pass %2)</source>
        <translation>%1 (pass %2)</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>not passed</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>The report cannot be written to %1: choose a folder you may write to.</source>
        <translation>The report cannot be written to %1: choose a folder you may write to.</translation>
    </message>
    <message>
        <source>TRAINING — practice report: %1</source>
        <translation>TRAINING — practice report: %1</translation>
    </message>
    <message>
        <source>The report could not be written to %1.</source>
        <translation>The report could not be written to %1.</translation>
    </message>
    <message>
        <source>TRAINING · %1 · page %2 of %3</source>
        <translation>TRAINING · %1 · page %2 of %3</translation>
    </message>
    <message>
        <source>not yet (critical failure)</source>
        <translation>not yet (critical failure)</translation>
    </message>
</context>
<context>
    <name>TrainingRecord</name>
    <message>
        <source>Training record %1: %2</source>
        <translation>Training record %1: %2</translation>
    </message>
    <message>
        <source>it was written by a newer CivicDesk (record version %1; this one reads %2): update CivicDesk on this workstation</source>
        <translation>it was written by a newer CivicDesk (record version %1; this one reads %2): update CivicDesk on this workstation</translation>
    </message>
    <message>
        <source>a practice run needs an id, a trainee, a scenario and the time it ended</source>
        <translation>a practice run needs an id, a trainee, a scenario and the time it ended</translation>
    </message>
    <message>
        <source>a practice run&apos;s score and pass mark are 0 to 100, its time 0 seconds or more</source>
        <translation>a practice run&apos;s score and pass mark are 0 to 100, its time 0 seconds or more</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>&quot;%1&quot; must be %2.</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>a string</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>a list of failure ids</source>
        <translation>a list of failure ids</translation>
    </message>
    <message>
        <source>a list of criteria</source>
        <translation>a list of criteria</translation>
    </message>
    <message>
        <source>a time in ISO 8601</source>
        <translation>a time in ISO 8601</translation>
    </message>
    <message>
        <source>a list of {id, title, expected, done, points, max}</source>
        <translation>a list of {id, title, expected, done, points, max}</translation>
    </message>
    <message>
        <source>a whole number from 0 to 100</source>
        <translation>a whole number from 0 to 100</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>This build has no telephony (CIVICDESK_WITH_CTI=OFF).</source>
        <translation>This build has no telephony (CIVICDESK_WITH_CTI=OFF).</translation>
    </message>
    <message>
        <source>Telephony: %1</source>
        <translation>Telephony: %1</translation>
    </message>
    <message>
        <source>&amp;Phone settings…</source>
        <translation>&amp;Phone settings…</translation>
    </message>
</context>
<context>
    <name>civicdesk</name>
    <message>
        <source>The server&apos;s answer could not be read (%1).</source>
        <translation>The server&apos;s answer could not be read (%1).</translation>
    </message>
    <message>
        <source>The server answered with HTTP status %1.</source>
        <translation>The server answered with HTTP status %1.</translation>
    </message>
    <message>
        <source>Try again in %1 s.</source>
        <translation>Try again in %1 s.</translation>
    </message>
</context>
<context>
    <name>civicdesk::AgentSwitch</name>
    <message>
        <source>Switch agent</source>
        <translation>Switch agent</translation>
    </message>
    <message>
        <source>A contact or an unsubmitted request is open. Keep it as your draft (the next agent does not see it; it comes back when you sign in here again), or end it first?</source>
        <translation>A contact or an unsubmitted request is open. Keep it as your draft (the next agent does not see it; it comes back when you sign in here again), or end it first?</translation>
    </message>
    <message>
        <source>&amp;Keep as my draft</source>
        <translation>&amp;Keep as my draft</translation>
    </message>
    <message>
        <source>&amp;End it first</source>
        <translation>&amp;End it first</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>End the contact (Ctrl+E) or submit the request, then switch agent (Ctrl+Shift+U).</source>
        <translation>End the contact (Ctrl+E) or submit the request, then switch agent (Ctrl+Shift+U).</translation>
    </message>
    <message>
        <source>The central store (%1) cannot be reached: %2. Switching agents needs it to check the next agent&apos;s password and role, so the present agent stays signed in. Try again when the connection is back.</source>
        <translation>The central store (%1) cannot be reached: %2. Switching agents needs it to check the next agent&apos;s password and role, so the present agent stays signed in. Try again when the connection is back.</translation>
    </message>
    <message>
        <source>The central store gave %1 a role this workstation does not know (%2).</source>
        <translation>The central store gave %1 a role this workstation does not know (%2).</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) by the present agent have not reached the central store yet; they must go first, under that agent&apos;s name. Check the connection (Sync menu) and try again.</source>
        <translation>
            <numerusform>%n change by the present agent has not reached the central store yet; it must go first, under that agent&apos;s name. Check the connection (Sync menu) and try again.</numerusform>
            <numerusform>%n changes by the present agent have not reached the central store yet; they must go first, under that agent&apos;s name. Check the connection (Sync menu) and try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::AnswersPanel</name>
    <message>
        <source>Answers opened during contacts; Enter lists the contacts, on Calls closed only those it closed</source>
        <translation>Answers opened during contacts; Enter lists the contacts, on Calls closed only those it closed</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Opened in</source>
        <translation>Opened in</translation>
    </message>
    <message>
        <source>Calls closed</source>
        <translation>Calls closed</translation>
    </message>
    <message>
        <source>Searches that found no answer; Enter lists the contacts they were made in</source>
        <translation>Searches that found no answer; Enter lists the contacts they were made in</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Calls closed with “%1”</source>
        <translation>Calls closed with “%1”</translation>
    </message>
    <message>
        <source>Contacts in which “%1” was opened</source>
        <translation>Contacts in which “%1” was opened</translation>
    </message>
    <message>
        <source>Contacts that searched “%1” without an answer</source>
        <translation>Contacts that searched “%1” without an answer</translation>
    </message>
    <message>
        <source>Answers opened during contacts:</source>
        <translation>Answers opened during contacts:</translation>
    </message>
    <message>
        <source>Searches that found no answer:</source>
        <translation>Searches that found no answer:</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) ended with information given; %1 of them (%2) with an answer opened.</source>
        <translation>
            <numerusform>%n contact ended with information given; %1 of them (%2) with an answer opened.</numerusform>
            <numerusform>%n contacts ended with information given; %1 of them (%2) with an answer opened.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::ArticleEditorDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>New article</translation>
    </message>
    <message>
        <source>Edit article</source>
        <translation>Edit article</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanish</translation>
    </message>
    <message>
        <source>Agents only</source>
        <translation>Agents only</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Request type codes, separated by spaces</source>
        <translation>Request type codes, separated by spaces</translation>
    </message>
    <message>
        <source>Headings (## ...), lists (- ...) and links</source>
        <translation>Headings (## ...), lists (- ...) and links</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Audience:</source>
        <translation>&amp;Audience:</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <source>Request &amp;types:</source>
        <translation>Request &amp;types:</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>&amp;Keywords:</translation>
    </message>
    <message>
        <source>Sc&amp;ript (read aloud):</source>
        <translation>Sc&amp;ript (read aloud):</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>&amp;Body:</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Trans&amp;fer:</source>
        <translation>Trans&amp;fer:</translation>
    </message>
    <message>
        <source>Re&amp;view due:</source>
        <translation>Re&amp;view due:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>There is no article %1.</source>
        <translation>There is no article %1.</translation>
    </message>
    <message>
        <source>Saved as version %1.</source>
        <translation>Saved as version %1.</translation>
    </message>
    <message>
        <source>Now: %1.</source>
        <translation>Now: %1.</translation>
    </message>
    <message>
        <source>Send for &amp;review</source>
        <translation>Send for &amp;review</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publish</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archive</translation>
    </message>
    <message>
        <source>Return to &amp;draft</source>
        <translation>Return to &amp;draft</translation>
    </message>
    <message>
        <source>Re&amp;store as draft</source>
        <translation>Re&amp;store as draft</translation>
    </message>
    <message>
        <source>&amp;Withdraw to draft</source>
        <translation>&amp;Withdraw to draft</translation>
    </message>
    <message>
        <source>New draft</source>
        <translation>New draft</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, version %2</translation>
    </message>
    <message>
        <source>Why (kept in the history with this save or move)</source>
        <translation>Why (kept in the history with this save or move)</translation>
    </message>
    <message>
        <source>A revision saved by %1 is waiting beside the published article; agents see the published text until a supervisor publishes it. Note: %2</source>
        <translation>A revision saved by %1 is waiting beside the published article; agents see the published text until a supervisor publishes it. Note: %2</translation>
    </message>
    <message>
        <source>The revision is published: agents now find version %1.</source>
        <translation>The revision is published: agents now find version %1.</translation>
    </message>
    <message>
        <source>The revision is discarded; the published article is unchanged.</source>
        <translation>The revision is discarded; the published article is unchanged.</translation>
    </message>
    <message>
        <source>&amp;Save revision</source>
        <translation>&amp;Save revision</translation>
    </message>
    <message>
        <source>%1 — revision waiting</source>
        <translation>%1 — revision waiting</translation>
    </message>
    <message>
        <source>Publish re&amp;vision</source>
        <translation>Publish re&amp;vision</translation>
    </message>
    <message>
        <source>Dis&amp;card revision</source>
        <translation>Dis&amp;card revision</translation>
    </message>
</context>
<context>
    <name>civicdesk::ArticleHistoryDialog</name>
    <message>
        <source>History of &quot;%1&quot;</source>
        <translation>History of &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>imported</translation>
    </message>
    <message>
        <source>Version %1 (%2, %3)</source>
        <translation>Version %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>Co&amp;mpare</translation>
    </message>
    <message>
        <source>&amp;with</source>
        <translation>&amp;with</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Imported from the city pack</source>
        <translation>Imported from the city pack</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Reviewed; next review %1</source>
        <translation>Reviewed; next review %1</translation>
    </message>
    <message>
        <source>Moved to %1</source>
        <translation>Moved to %1</translation>
    </message>
    <message>
        <source>Moved to %1: %2</source>
        <translation>Moved to %1: %2</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>The same version on both sides.</source>
        <translation>The same version on both sides.</translation>
    </message>
    <message>
        <source>Version %1 (left) and version %2 (right): removed words are struck out, added words are green.</source>
        <translation>Version %1 (left) and version %2 (right): removed words are struck out, added words are green.</translation>
    </message>
    <message>
        <source>Revision published</source>
        <translation>Revision published</translation>
    </message>
    <message>
        <source>Revision published: %1</source>
        <translation>Revision published: %1</translation>
    </message>
    <message>
        <source>Edited: %1</source>
        <translation>Edited: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::ArticleHitModel</name>
    <message>
        <source>changed since you last read it</source>
        <translation>changed since you last read it</translation>
    </message>
    <message>
        <source>Changed since you last read it</source>
        <translation>Changed since you last read it</translation>
    </message>
</context>
<context>
    <name>civicdesk::AuditTrailPanel</name>
    <message>
        <source>Days of the audit trail</source>
        <translation>Days of the audit trail</translation>
    </message>
    <message>
        <source>What supervisors did, the latest first</source>
        <translation>What supervisors did, the latest first</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>The latest %1 of %2 actions: choose fewer days to see them all.</source>
        <translation>The latest %1 of %2 actions: choose fewer days to see them all.</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) in the last %1 day(s), from this workstation&apos;s copy of the centre&apos;s events.</source>
        <translation>
            <numerusform>%n action(s) in the last %1 day(s), from this workstation&apos;s copy of the centre&apos;s events.</numerusform>
            <numerusform>%n action(s) in the last %1 day(s), from this workstation&apos;s copy of the centre&apos;s events.</numerusform>
        </translation>
    </message>
    <message>
        <source>Moved the request to %1</source>
        <translation>Moved the request to %1</translation>
    </message>
    <message>
        <source>Changed the request&apos;s %1</source>
        <translation>Changed the request&apos;s %1</translation>
    </message>
    <message>
        <source>Unlinked a duplicate</source>
        <translation>Unlinked a duplicate</translation>
    </message>
    <message>
        <source>Moved an article to %1</source>
        <translation>Moved an article to %1</translation>
    </message>
    <message>
        <source>Published an article&apos;s revision</source>
        <translation>Published an article&apos;s revision</translation>
    </message>
    <message>
        <source>Answered a help flag</source>
        <translation>Answered a help flag</translation>
    </message>
    <message>
        <source>Posted a known issue: %1</source>
        <translation>Posted a known issue: %1</translation>
    </message>
    <message>
        <source>Withdrew a known issue</source>
        <translation>Withdrew a known issue</translation>
    </message>
    <message>
        <source>Took %1 out of every team</source>
        <translation>Took %1 out of every team</translation>
    </message>
    <message>
        <source>Put %1 in team %2</source>
        <translation>Put %1 in team %2</translation>
    </message>
    <message>
        <source>Imported the phone system&apos;s report (%1)</source>
        <translation>Imported the phone system&apos;s report (%1)</translation>
    </message>
    <message>
        <source>Changed the cluster rule for %1</source>
        <translation>Changed the cluster rule for %1</translation>
    </message>
    <message>
        <source>every other type</source>
        <translation>every other type</translation>
    </message>
    <message>
        <source>Published an evaluation form</source>
        <translation>Published an evaluation form</translation>
    </message>
    <message>
        <source>Scored an evaluation of %1</source>
        <translation>Scored an evaluation of %1</translation>
    </message>
    <message>
        <source>Decided a disputed evaluation of %1</source>
        <translation>Decided a disputed evaluation of %1</translation>
    </message>
    <message>
        <source>Wrote a coaching note for %1</source>
        <translation>Wrote a coaching note for %1</translation>
    </message>
    <message>
        <source>Quality review (%1)</source>
        <translation>Quality review (%1)</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>contacts</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>requests</translation>
    </message>
    <message>
        <source>lobby visits</source>
        <translation>lobby visits</translation>
    </message>
    <message>
        <source>evaluations</source>
        <translation>evaluations</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>Exported the monthly report of %1 as PDF (%2)</source>
        <translation>Exported the monthly report of %1 as PDF (%2)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) of %1 of %2 as CSV (%3)%4</source>
        <translation>
            <numerusform>Exported %n row of %1 of %2 as CSV (%3)%4</numerusform>
            <numerusform>Exported %n rows of %1 of %2 as CSV (%3)%4</numerusform>
        </translation>
    </message>
    <message>
        <source>, with the callers&apos; details</source>
        <translation>, with the callers&apos; details</translation>
    </message>
    <message>
        <source>&amp;Days back:</source>
        <translation>&amp;Days back:</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallController</name>
    <message>
        <source>a withheld number</source>
        <translation>a withheld number</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>an unknown number</translation>
    </message>
    <message>
        <source>Phone: off</source>
        <translation>Phone: off</translation>
    </message>
    <message>
        <source>Phone: connecting to %1…</source>
        <translation>Phone: connecting to %1…</translation>
    </message>
    <message>
        <source>Phone: connected</source>
        <translation>Phone: connected</translation>
    </message>
    <message>
        <source>Phone: not connected (%1), trying again in %2 s; type the caller&apos;s number by hand</source>
        <translation>Phone: not connected (%1), trying again in %2 s; type the caller&apos;s number by hand</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallOut</name>
    <message>
        <source>Ticket %1, counter %2</source>
        <translation>Ticket %1, counter %2</translation>
    </message>
    <message>
        <source>The voice &quot;%1&quot; cannot be used: %2.</source>
        <translation>The voice &quot;%1&quot; cannot be used: %2.</translation>
    </message>
    <message>
        <source>The speech engine %1 has no voice &quot;%2&quot;. Its voices: %3.</source>
        <translation>The speech engine %1 has no voice &quot;%2&quot;. Its voices: %3.</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallPop</name>
    <message numerus="yes">
        <source>Returning caller: %1 · %n request(s) on file (shown in History).</source>
        <translation>
            <numerusform>Returning caller: %1 · %n request on file (shown in History).</numerusform>
            <numerusform>Returning caller: %1 · %n requests on file (shown in History).</numerusform>
        </translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message numerus="yes">
        <source>%n caller(s) share this number: choose one with Up, Down and Enter, or type a new caller&apos;s name.</source>
        <translation>
            <numerusform>%n caller shares this number: choose them with Up, Down and Enter, or type a new caller&apos;s name.</numerusform>
            <numerusform>%n callers share this number: choose one with Up, Down and Enter, or type a new caller&apos;s name.</numerusform>
        </translation>
    </message>
    <message>
        <source>New caller: %1 is not on file; their details are saved with the request.</source>
        <translation>New caller: %1 is not on file; their details are saved with the request.</translation>
    </message>
    <message>
        <source>Number withheld: this is an anonymous contact. Ask for a name or number only if the request needs one.</source>
        <translation>Number withheld: this is an anonymous contact. Ask for a name or number only if the request needs one.</translation>
    </message>
    <message>
        <source>No number came with this call: an anonymous contact unless the caller gives their details.</source>
        <translation>No number came with this call: an anonymous contact unless the caller gives their details.</translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation>an unknown number</translation>
    </message>
    <message>
        <source>Missed call from %1 at %2.</source>
        <translation>Missed call from %1 at %2.</translation>
    </message>
    <message>
        <source>The line was busy.</source>
        <translation>The line was busy.</translation>
    </message>
    <message>
        <source>The call was declined.</source>
        <translation>The call was declined.</translation>
    </message>
    <message>
        <source>The call was transferred.</source>
        <translation>The call was transferred.</translation>
    </message>
    <message>
        <source>The call failed: %1</source>
        <translation>The call failed: %1</translation>
    </message>
    <message>
        <source>The end of the call could not be recorded on its contact: %1</source>
        <translation>The end of the call could not be recorded on its contact: %1</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>Transfer the call</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a place to transfer to: give a number, an extension or a queue of at most 100 characters. Nothing was sent.</source>
        <translation>&quot;%1&quot; is not a place to transfer to: give a number, an extension or a queue of at most 100 characters. Nothing was sent.</translation>
    </message>
    <message>
        <source>Transferring the call to %1…</source>
        <translation>Transferring the call to %1…</translation>
    </message>
    <message>
        <source>Dial a number</source>
        <translation>Dial a number</translation>
    </message>
    <message>
        <source>Number to call (the caller&apos;s phone is filled in):</source>
        <translation>Number to call (the caller&apos;s phone is filled in):</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>Number to call</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number to dial (digits, with +, spaces, dots, dashes or brackets). Nothing was dialled.</source>
        <translation>&quot;%1&quot; is not a phone number to dial (digits, with +, spaces, dots, dashes or brackets). Nothing was dialled.</translation>
    </message>
    <message>
        <source>Dialling %1…</source>
        <translation>Dialling %1…</translation>
    </message>
    <message>
        <source> (queue %1)</source>
        <translation> (queue %1)</translation>
    </message>
    <message>
        <source>The contact ended; the call with %1 is still on the line.</source>
        <translation>The contact ended; the call with %1 is still on the line.</translation>
    </message>
    <message>
        <source>No call.</source>
        <translation>No call.</translation>
    </message>
    <message>
        <source>Ringing: a call from %1%2.</source>
        <translation>Ringing: a call from %1%2.</translation>
    </message>
    <message>
        <source>On the call with %1%2.</source>
        <translation>On the call with %1%2.</translation>
    </message>
    <message>
        <source>The call with %1 ended.</source>
        <translation>The call with %1 ended.</translation>
    </message>
    <message>
        <source>Another call is ringing from %1: it comes up when this contact ends.</source>
        <translation>Another call is ringing from %1: it comes up when this contact ends.</translation>
    </message>
    <message>
        <source>The phone is not connected.</source>
        <translation>The phone is not connected.</translation>
    </message>
    <message>
        <source>The phone is not connected: %1</source>
        <translation>The phone is not connected: %1</translation>
    </message>
    <message>
        <source>No call is ringing.</source>
        <translation>No call is ringing.</translation>
    </message>
    <message>
        <source>No call to hang up.</source>
        <translation>No call to hang up.</translation>
    </message>
    <message>
        <source>Only an answered call can be transferred.</source>
        <translation>Only an answered call can be transferred.</translation>
    </message>
    <message>
        <source>Finish the call on the line before dialling.</source>
        <translation>Finish the call on the line before dialling.</translation>
    </message>
    <message>
        <source>Transfer the call with %1 to</source>
        <translation>Transfer the call with %1 to</translation>
    </message>
    <message>
        <source>%1 (a number, an extension or a queue):</source>
        <translation>%1 (a number, an extension or a queue):</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallbackListModel</name>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
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
        <translation>Due</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>Promised by</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallbackListView</name>
    <message>
        <source>No callbacks waiting. Schedule one from a request&apos;s detail.</source>
        <translation>No callbacks waiting. Schedule one from a request&apos;s detail.</translation>
    </message>
    <message>
        <source>Callbacks waiting, the earliest due first: %1 overdue or due within %2 minutes.</source>
        <translation>Callbacks waiting, the earliest due first: %1 overdue or due within %2 minutes.</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>Callbacks</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallerBox</name>
    <message>
        <source>Caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>Caller phone</source>
        <translation>Caller phone</translation>
    </message>
    <message>
        <source>Phone, e.g. (617) 555-0100</source>
        <translation>Phone, e.g. (617) 555-0100</translation>
    </message>
    <message>
        <source>Caller name</source>
        <translation>Caller name</translation>
    </message>
    <message>
        <source>Name (leave empty for an anonymous caller)</source>
        <translation>Name (leave empty for an anonymous caller)</translation>
    </message>
    <message>
        <source>Caller email</source>
        <translation>Caller email</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Lan&amp;guage:</translation>
    </message>
    <message>
        <source>Caller&apos;s language</source>
        <translation>Caller&apos;s language</translation>
    </message>
    <message>
        <source>Contact by</source>
        <translation>Contact by</translation>
    </message>
    <message>
        <source>Callers found</source>
        <translation>Callers found</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n request(s)</source>
        <translation>
            <numerusform>%1 · %2 · %n request</numerusform>
            <numerusform>%1 · %2 · %n requests</numerusform>
        </translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanish</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>No follow-up wanted</source>
        <translation>No follow-up wanted</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <source>Contact by:</source>
        <translation>Contact by:</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallerController</name>
    <message>
        <source>New caller: saved with the request.</source>
        <translation>New caller: saved with the request.</translation>
    </message>
    <message>
        <source>Returning caller: %1</source>
        <translation>Returning caller: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallerPanel</name>
    <message>
        <source>You asked</source>
        <translation>You asked</translation>
    </message>
    <message>
        <source>Where is it?</source>
        <translation>Where is it?</translation>
    </message>
    <message>
        <source>What happened?</source>
        <translation>What happened?</translation>
    </message>
    <message>
        <source>Who is calling, and how can we reach you?</source>
        <translation>Who is calling, and how can we reach you?</translation>
    </message>
    <message>
        <source>The form&apos;s next question</source>
        <translation>The form&apos;s next question</translation>
    </message>
    <message>
        <source>What is the request number?</source>
        <translation>What is the request number?</translation>
    </message>
    <message>
        <source>Your request number is %1.</source>
        <translation>Your request number is %1.</translation>
    </message>
    <message>
        <source>You said</source>
        <translation>You said</translation>
    </message>
    <message>
        <source>an anonymous caller</source>
        <translation>an anonymous caller</translation>
    </message>
    <message>
        <source>&lt;b&gt;Practice caller:&lt;/b&gt; %1&lt;br&gt;%2 · language: %3 · target %4 s</source>
        <translation>&lt;b&gt;Practice caller:&lt;/b&gt; %1&lt;br&gt;%2 · language: %3 · target %4 s</translation>
    </message>
    <message>
        <source>Ask the caller with the keys below; the answers appear above, in the caller&apos;s language.</source>
        <translation>Ask the caller with the keys below; the answers appear above, in the caller&apos;s language.</translation>
    </message>
    <message>
        <source>Where is it? (F5)</source>
        <translation>Where is it? (F5)</translation>
    </message>
    <message>
        <source>What happened? (F6)</source>
        <translation>What happened? (F6)</translation>
    </message>
    <message>
        <source>Who is calling? (F7)</source>
        <translation>Who is calling? (F7)</translation>
    </message>
    <message>
        <source>Next question (F8)</source>
        <translation>Next question (F8)</translation>
    </message>
    <message>
        <source>Request number? (F9)</source>
        <translation>Request number? (F9)</translation>
    </message>
    <message>
        <source>Read the number back (Shift+F9)</source>
        <translation>Read the number back (Shift+F9)</translation>
    </message>
    <message>
        <source>What the caller said</source>
        <translation>What the caller said</translation>
    </message>
    <message>
        <source>Your trainer plays the caller: their lines appear here. Ask with the keys or type a question below (Enter sends it).</source>
        <translation>Your trainer plays the caller: their lines appear here. Ask with the keys or type a question below (Enter sends it).</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>Practice</translation>
    </message>
    <message>
        <source>&lt;b&gt;Live caller (your trainer):&lt;/b&gt; %1&lt;br&gt;%2 · language: %3 · target %4 s</source>
        <translation>&lt;b&gt;Live caller (your trainer):&lt;/b&gt; %1&lt;br&gt;%2 · language: %3 · target %4 s</translation>
    </message>
    <message>
        <source>Ask the live caller</source>
        <translation>Ask the live caller</translation>
    </message>
    <message>
        <source>Ask the caller in your own words (F4), Enter sends</source>
        <translation>Ask the caller in your own words (F4), Enter sends</translation>
    </message>
</context>
<context>
    <name>civicdesk::CallerVoice</name>
    <message>
        <source>The caller&apos;s lines are shown only, not spoken.</source>
        <translation>The caller&apos;s lines are shown only, not spoken.</translation>
    </message>
    <message>
        <source>The caller&apos;s lines are spoken (speech engine &quot;%1&quot;).</source>
        <translation>The caller&apos;s lines are spoken (speech engine &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>No speech engine is installed (for example qt6-speech-flite-plugin): read the caller&apos;s lines in the panel.</source>
        <translation>No speech engine is installed (for example qt6-speech-flite-plugin): read the caller&apos;s lines in the panel.</translation>
    </message>
    <message>
        <source>The speech engine &quot;%1&quot; is not installed (there are: %2).</source>
        <translation>The speech engine &quot;%1&quot; is not installed (there are: %2).</translation>
    </message>
    <message>
        <source>The speech engine &quot;%1&quot; does not start (%2): read the caller&apos;s lines in the panel.</source>
        <translation>The speech engine &quot;%1&quot; does not start (%2): read the caller&apos;s lines in the panel.</translation>
    </message>
    <message>
        <source>This CivicDesk was built without speech (Qt TextToSpeech): read the caller&apos;s lines in the panel.</source>
        <translation>This CivicDesk was built without speech (Qt TextToSpeech): read the caller&apos;s lines in the panel.</translation>
    </message>
    <message>
        <source>The speech engine &quot;%1&quot; stopped (%2): read the caller&apos;s lines in the panel.</source>
        <translation>The speech engine &quot;%1&quot; stopped (%2): read the caller&apos;s lines in the panel.</translation>
    </message>
    <message>
        <source>No installed speech engine has a voice in the caller&apos;s language (%1): read the caller&apos;s lines in the panel (for Spanish, install qt6-speech-speechd-plugin and speech-dispatcher-espeak-ng).</source>
        <translation>No installed speech engine has a voice in the caller&apos;s language (%1): read the caller&apos;s lines in the panel (for Spanish, install qt6-speech-speechd-plugin and speech-dispatcher-espeak-ng).</translation>
    </message>
</context>
<context>
    <name>civicdesk::CentralLookupDialog</name>
    <message>
        <source>Find requests in the central store</source>
        <translation>Find requests in the central store</translation>
    </message>
    <message>
        <source>Request number</source>
        <translation>Request number</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>Street address</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 request</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 requests</translation>
    </message>
    <message>
        <source>%1 from the central store.</source>
        <translation>%1 from the central store.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ClusterMapFeed</name>
    <message numerus="yes">
        <source>%1: %n request(s) within %2 m since %3 (parent request %4)</source>
        <translation>
            <numerusform>%1: %n request(s) within %2 m since %3 (parent request %4)</numerusform>
            <numerusform>%1: %n request(s) within %2 m since %3 (parent request %4)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::ClusterRuleHistory</name>
    <message>
        <source>Changes of the cluster rules, the latest first</source>
        <translation>Changes of the cluster rules, the latest first</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Rule for</source>
        <translation>Rule for</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) within %1 m in %2 h</source>
        <translation>
            <numerusform>%n request(s) within %1 m in %2 h</numerusform>
            <numerusform>%n request(s) within %1 m in %2 h</numerusform>
        </translation>
    </message>
    <message>
        <source>Every other type (city-wide default)</source>
        <translation>Every other type (city-wide default)</translation>
    </message>
</context>
<context>
    <name>civicdesk::ClustersPanel</name>
    <message>
        <source>Clusters of requests</source>
        <translation>Clusters of requests</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>First</source>
        <translation>First</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>Parent request</source>
        <translation>Parent request</translation>
    </message>
    <message>
        <source>Requests of the selected cluster</source>
        <translation>Requests of the selected cluster</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Post a &amp;known issue…</source>
        <translation>Post a &amp;known issue…</translation>
    </message>
    <message>
        <source>Post a known issue about the selected cluster</source>
        <translation>Post a known issue about the selected cluster</translation>
    </message>
    <message>
        <source>Rule for t&amp;ype:</source>
        <translation>Rule for t&amp;ype:</translation>
    </message>
    <message>
        <source>Cluster rule for</source>
        <translation>Cluster rule for</translation>
    </message>
    <message>
        <source>Requests that make a cluster</source>
        <translation>Requests that make a cluster</translation>
    </message>
    <message>
        <source> requests</source>
        <translation> requests</translation>
    </message>
    <message>
        <source>Within metres</source>
        <translation>Within metres</translation>
    </message>
    <message>
        <source>within </source>
        <translation>within </translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>In the last hours</source>
        <translation>In the last hours</translation>
    </message>
    <message>
        <source>in </source>
        <translation>in </translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Sa&amp;ve rule</source>
        <translation>Sa&amp;ve rule</translation>
    </message>
    <message>
        <source>Save the cluster rule</source>
        <translation>Save the cluster rule</translation>
    </message>
    <message>
        <source>Known issues in force</source>
        <translation>Known issues in force</translation>
    </message>
    <message>
        <source>Known issue</source>
        <translation>Known issue</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Posted by</source>
        <translation>Posted by</translation>
    </message>
    <message>
        <source>Withdraw the selected known issue</source>
        <translation>Withdraw the selected known issue</translation>
    </message>
    <message>
        <source>within %1 m of %2</source>
        <translation>within %1 m of %2</translation>
    </message>
    <message>
        <source>No clusters: no type has enough open requests close together right now.</source>
        <translation>No clusters: no type has enough open requests close together right now.</translation>
    </message>
    <message numerus="yes">
        <source>%n cluster(s) of requests right now.</source>
        <translation>
            <numerusform>%n cluster of requests right now.</numerusform>
            <numerusform>%n clusters of requests right now.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every other type (city-wide default)</source>
        <translation>Every other type (city-wide default)</translation>
    </message>
    <message>
        <source>%1 (parent)</source>
        <translation>%1 (parent)</translation>
    </message>
    <message>
        <source>Known issue posted: every agent sees it when they take this type in this area.</source>
        <translation>Known issue posted: every agent sees it when they take this type in this area.</translation>
    </message>
    <message>
        <source>within %1 m of the parent request</source>
        <translation>within %1 m of the parent request</translation>
    </message>
    <message>
        <source>Known issue withdrawn: agents no longer see it.</source>
        <translation>Known issue withdrawn: agents no longer see it.</translation>
    </message>
    <message>
        <source>Show the selected cluster on the map</source>
        <translation>Show the selected cluster on the map</translation>
    </message>
    <message>
        <source>That cluster has ended: its requests were closed or grew older than the rule&apos;s window.</source>
        <translation>That cluster has ended: its requests were closed or grew older than the rule&apos;s window.</translation>
    </message>
    <message numerus="yes">
        <source>Saved for every workstation: %1 now makes a cluster with %n request(s) within %2 m in %3 h.</source>
        <translation>
            <numerusform>Saved for every workstation: %1 now makes a cluster with %n request(s) within %2 m in %3 h.</numerusform>
            <numerusform>Saved for every workstation: %1 now makes a cluster with %n request(s) within %2 m in %3 h.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show on the ma&amp;p</source>
        <translation>Show on the ma&amp;p</translation>
    </message>
    <message>
        <source>With&amp;draw the known issue</source>
        <translation>With&amp;draw the known issue</translation>
    </message>
</context>
<context>
    <name>civicdesk::ContactBar</name>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Contact channel</source>
        <translation>Contact channel</translation>
    </message>
    <message>
        <source>Start contact (Ctrl+N)</source>
        <translation>Start contact (Ctrl+N)</translation>
    </message>
    <message>
        <source>End contact (Ctrl+E)</source>
        <translation>End contact (Ctrl+E)</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Answer the call</source>
        <translation>Answer the call</translation>
    </message>
    <message>
        <source>Hang up the call</source>
        <translation>Hang up the call</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Text message</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>Transfer the call</translation>
    </message>
    <message>
        <source>Dial a number</source>
        <translation>Dial a number</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>Dial…</source>
        <translation>Dial…</translation>
    </message>
</context>
<context>
    <name>civicdesk::ContactClock</name>
    <message>
        <source>Contact ended after %1:%2.</source>
        <translation>Contact ended after %1:%2.</translation>
    </message>
    <message>
        <source>No contact running</source>
        <translation>No contact running</translation>
    </message>
    <message>
        <source>%1 contact · %2:%3</source>
        <translation>%1 contact · %2:%3</translation>
    </message>
</context>
<context>
    <name>civicdesk::ContactFlow</name>
    <message>
        <source>A contact is already running; end it first (Ctrl+E).</source>
        <translation>A contact is already running; end it first (Ctrl+E).</translation>
    </message>
    <message>
        <source>Choose how the contact ended (the Outcome list).</source>
        <translation>Choose how the contact ended (the Outcome list).</translation>
    </message>
    <message>
        <source>Your work could not be kept as your draft: %1</source>
        <translation>Your work could not be kept as your draft: %1</translation>
    </message>
    <message>
        <source>Restored unsaved work from %1.</source>
        <translation>Restored unsaved work from %1.</translation>
    </message>
    <message>
        <source>A phone call is on screen: answer it or let it go before you start the walk-in contact.</source>
        <translation>A phone call is on screen: answer it or let it go before you start the walk-in contact.</translation>
    </message>
</context>
<context>
    <name>civicdesk::CounterPanel</name>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>(same category)</source>
        <translation>(same category)</translation>
    </message>
    <message>
        <source>Categories this counter serves</source>
        <translation>Categories this counter serves</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Waiting visitors</source>
        <translation>Waiting visitors</translation>
    </message>
    <message>
        <source>Parked visitors</source>
        <translation>Parked visitors</translation>
    </message>
    <message>
        <source>Call next (F5)</source>
        <translation>Call next (F5)</translation>
    </message>
    <message>
        <source>Call chosen</source>
        <translation>Call chosen</translation>
    </message>
    <message>
        <source>Recall (F6)</source>
        <translation>Recall (F6)</translation>
    </message>
    <message>
        <source>No-show (F7)</source>
        <translation>No-show (F7)</translation>
    </message>
    <message>
        <source>Park (F8)</source>
        <translation>Park (F8)</translation>
    </message>
    <message>
        <source>Transfer (F9)</source>
        <translation>Transfer (F9)</translation>
    </message>
    <message>
        <source>Return to queue (F10)</source>
        <translation>Return to queue (F10)</translation>
    </message>
    <message>
        <source>Walk-in contact (F11)</source>
        <translation>Walk-in contact (F11)</translation>
    </message>
    <message>
        <source>Finish visit (F12)</source>
        <translation>Finish visit (F12)</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>Reason or note</translation>
    </message>
    <message>
        <source>why out of order, a park note, a transfer reason</source>
        <translation>why out of order, a park note, a transfer reason</translation>
    </message>
    <message>
        <source>Transfer to counter</source>
        <translation>Transfer to counter</translation>
    </message>
    <message>
        <source>Transfer to category</source>
        <translation>Transfer to category</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Information given</translation>
    </message>
    <message>
        <source>Request created</source>
        <translation>Request created</translation>
    </message>
    <message>
        <source>Added to an existing request</source>
        <translation>Added to an existing request</translation>
    </message>
    <message>
        <source>Referred to another agency</source>
        <translation>Referred to another agency</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Visit outcome</source>
        <translation>Visit outcome</translation>
    </message>
    <message>
        <source>Visit notes</source>
        <translation>Visit notes</translation>
    </message>
    <message>
        <source>Visit card</source>
        <translation>Visit card</translation>
    </message>
    <message>
        <source>Counter message</source>
        <translation>Counter message</translation>
    </message>
    <message>
        <source>Ticket %1 called to counter %2.</source>
        <translation>Ticket %1 called to counter %2.</translation>
    </message>
    <message>
        <source>Give this counter a name or number first.</source>
        <translation>Give this counter a name or number first.</translation>
    </message>
    <message>
        <source>Choose a ticket in the waiting list first.</source>
        <translation>Choose a ticket in the waiting list first.</translation>
    </message>
    <message>
        <source>Say why this ticket is called out of order (Reason or note).</source>
        <translation>Say why this ticket is called out of order (Reason or note).</translation>
    </message>
    <message>
        <source>Called again.</source>
        <translation>Called again.</translation>
    </message>
    <message>
        <source>Marked as a no-show.</source>
        <translation>Marked as a no-show.</translation>
    </message>
    <message>
        <source>Parked: call the next visitor meanwhile.</source>
        <translation>Parked: call the next visitor meanwhile.</translation>
    </message>
    <message>
        <source>Transferred: the visitor keeps their place in the queue.</source>
        <translation>Transferred: the visitor keeps their place in the queue.</translation>
    </message>
    <message>
        <source>Back in the queue.</source>
        <translation>Back in the queue.</translation>
    </message>
    <message>
        <source>Call a visitor first: the walk-in contact belongs to the visit.</source>
        <translation>Call a visitor first: the walk-in contact belongs to the visit.</translation>
    </message>
    <message>
        <source>No visitor is at this counter.</source>
        <translation>No visitor is at this counter.</translation>
    </message>
    <message>
        <source>Visit %1 finished.</source>
        <translation>Visit %1 finished.</translation>
    </message>
    <message>
        <source>Receipt: %1</source>
        <translation>Receipt: %1</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanish</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>No visitor at this counter. %n waiting.</source>
        <translation>
            <numerusform>No visitor at this counter. %n waiting.</numerusform>
            <numerusform>No visitor at this counter. %n waiting.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket %1 · %2 · %3</source>
        <translation>Ticket %1 · %2 · %3</translation>
    </message>
    <message>
        <source>needs: %1</source>
        <translation>needs: %1</translation>
    </message>
    <message>
        <source>Waited %1 min · at the counter %2 min · agent %3 · recalls %4</source>
        <translation>Waited %1 min · at the counter %2 min · agent %3 · recalls %4</translation>
    </message>
    <message>
        <source>Walk-in contact started · requests: %1</source>
        <translation>Walk-in contact started · requests: %1</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Handout: %1</source>
        <translation>Handout: %1</translation>
    </message>
    <message>
        <source>Counter:</source>
        <translation>Counter:</translation>
    </message>
    <message>
        <source>Serves:</source>
        <translation>Serves:</translation>
    </message>
    <message>
        <source>W&amp;aiting (call next takes the first)</source>
        <translation>W&amp;aiting (call next takes the first)</translation>
    </message>
    <message>
        <source>Parked at this counter (Enter returns to the queue)</source>
        <translation>Parked at this counter (Enter returns to the queue)</translation>
    </message>
    <message>
        <source>Rea&amp;son or note:</source>
        <translation>Rea&amp;son or note:</translation>
    </message>
    <message>
        <source>Transfer to counter:</source>
        <translation>Transfer to counter:</translation>
    </message>
    <message>
        <source>or category:</source>
        <translation>or category:</translation>
    </message>
    <message>
        <source>Outco&amp;me:</source>
        <translation>Outco&amp;me:</translation>
    </message>
    <message>
        <source>V&amp;isit notes:</source>
        <translation>V&amp;isit notes:</translation>
    </message>
    <message>
        <source>Articles opened: %1</source>
        <translation>Articles opened: %1</translation>
    </message>
    <message>
        <source>Referred to: %1</source>
        <translation>Referred to: %1</translation>
    </message>
    <message>
        <source>Check in a visitor (F4)</source>
        <translation>Check in a visitor (F4)</translation>
    </message>
    <message>
        <source>wheelchair or mobility</source>
        <translation>wheelchair or mobility</translation>
    </message>
    <message>
        <source>low vision</source>
        <translation>low vision</translation>
    </message>
    <message>
        <source>hearing</source>
        <translation>hearing</translation>
    </message>
    <message>
        <source>other need</source>
        <translation>other need</translation>
    </message>
    <message>
        <source>mobility</source>
        <translation>mobility</translation>
    </message>
    <message>
        <source>vision</source>
        <comment>accessibility need</comment>
        <translation>vision</translation>
    </message>
    <message>
        <source>hearing</source>
        <comment>accessibility need</comment>
        <translation>hearing</translation>
    </message>
    <message>
        <source>other</source>
        <comment>accessibility need</comment>
        <translation>other</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Minutes waited since the ticket was taken</source>
        <translation>Minutes waited since the ticket was taken</translation>
    </message>
    <message>
        <source>Expected minutes until this visitor is called</source>
        <translation>Expected minutes until this visitor is called</translation>
    </message>
</context>
<context>
    <name>civicdesk::DeliveryStateLabel</name>
    <message>
        <source>Saved on this workstation (1 change not yet in the central store)</source>
        <translation>Saved on this workstation (1 change not yet in the central store)</translation>
    </message>
    <message>
        <source>Saved on this workstation (%1 changes not yet in the central store)</source>
        <translation>Saved on this workstation (%1 changes not yet in the central store)</translation>
    </message>
    <message>
        <source>In the central store</source>
        <translation>In the central store</translation>
    </message>
    <message>
        <source>Rejected by the central store: %1. Correct and resend it from Sync ▸ Refused changes.</source>
        <translation>Rejected by the central store: %1. Correct and resend it from Sync ▸ Refused changes.</translation>
    </message>
    <message>
        <source>From the city&apos;s records</source>
        <translation>From the city&apos;s records</translation>
    </message>
</context>
<context>
    <name>civicdesk::DisplayBoard</name>
    <message>
        <source>Display board</source>
        <translation>Display board</translation>
    </message>
    <message>
        <source>Lobby display board</source>
        <translation>Lobby display board</translation>
    </message>
    <message>
        <source>Now serving</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Called before</source>
        <translation>Called before</translation>
    </message>
    <message>
        <source>Please take a ticket</source>
        <translation>Please take a ticket</translation>
    </message>
    <message>
        <source>Ticket %1 to counter %2</source>
        <translation>Ticket %1 to counter %2</translation>
    </message>
</context>
<context>
    <name>civicdesk::DraftKeeper</name>
    <message>
        <source>Your work could not be saved as a draft: %1</source>
        <translation>Your work could not be saved as a draft: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::DrillDownDialog</name>
    <message>
        <source>What is behind %1</source>
        <translation>What is behind %1</translation>
    </message>
    <message>
        <source>Close the list</source>
        <translation>Close the list</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Handle time</source>
        <translation>Handle time</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>The first %1 requests. Enter opens a request&apos;s detail and timeline.</source>
        <translation>The first %1 requests. Enter opens a request&apos;s detail and timeline.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s). Enter opens a request&apos;s detail and timeline.</source>
        <translation>
            <numerusform>%n request. Enter opens a request&apos;s detail and timeline.</numerusform>
            <numerusform>%n requests. Enter opens a request&apos;s detail and timeline.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Replay the intake</source>
        <translation>&amp;Replay the intake</translation>
    </message>
    <message>
        <source>Replay the selected contact&apos;s intake</source>
        <translation>Replay the selected contact&apos;s intake</translation>
    </message>
    <message>
        <source>The first %1 contacts. Enter opens the request a contact made or joined; R replays the intake.</source>
        <translation>The first %1 contacts. Enter opens the request a contact made or joined; R replays the intake.</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s). Enter opens the request a contact made or joined; R replays the intake.</source>
        <translation>
            <numerusform>%n contact. Enter opens the request a contact made or joined; R replays the intake.</numerusform>
            <numerusform>%n contacts. Enter opens the request a contact made or joined; R replays the intake.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::EvaluationDialog</name>
    <message>
        <source>&amp;Submit the evaluation</source>
        <translation>&amp;Submit the evaluation</translation>
    </message>
    <message>
        <source>Evaluate contact %1 (%2)</source>
        <translation>Evaluate contact %1 (%2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (weight %2)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (weight %2)</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>(not answered)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
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
        <translation>Comment on: %1</translation>
    </message>
    <message>
        <source>Comment (required below %1)</source>
        <translation>Comment (required below %1)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>%1 &lt;i&gt;(critical)&lt;/i&gt;</source>
        <translation>%1 &lt;i&gt;(critical)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Overall comment for the agent</source>
        <translation>Overall comment for the agent</translation>
    </message>
    <message>
        <source>The contact&apos;s recorded steps</source>
        <translation>The contact&apos;s recorded steps</translation>
    </message>
    <message>
        <source>No steps recorded for this contact.</source>
        <translation>No steps recorded for this contact.</translation>
    </message>
    <message>
        <source>Recorded steps</source>
        <translation>Recorded steps</translation>
    </message>
    <message>
        <source>Submit the evaluation</source>
        <translation>Submit the evaluation</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close without submitting</source>
        <translation>Close without submitting</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, version %2</translation>
    </message>
    <message>
        <source>Overall &amp;comment:</source>
        <translation>Overall &amp;comment:</translation>
    </message>
    <message>
        <source>Score: 0 (a critical item failed; %1 otherwise)</source>
        <translation>Score: 0 (a critical item failed; %1 otherwise)</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>Score: %1</translation>
    </message>
    <message>
        <source>Score: not complete</source>
        <translation>Score: not complete</translation>
    </message>
</context>
<context>
    <name>civicdesk::EvaluationFollowUpDialog</name>
    <message>
        <source>Agent:</source>
        <translation>Agent:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <source>Reviewer:</source>
        <translation>Reviewer:</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, version %2</translation>
    </message>
    <message>
        <source>Submitted:</source>
        <translation>Submitted:</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>Score:</translation>
    </message>
    <message>
        <source>0 (a critical item failed)</source>
        <translation>0 (a critical item failed)</translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment:</source>
        <translation>Reviewer&apos;s comment:</translation>
    </message>
    <message>
        <source>Agent&apos;s answer:</source>
        <translation>Agent&apos;s answer:</translation>
    </message>
    <message>
        <source>none yet (due by %1)</source>
        <translation>none yet (due by %1)</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acknowledged</translation>
    </message>
    <message>
        <source>acknowledged: %1</source>
        <translation>acknowledged: %1</translation>
    </message>
    <message>
        <source>disputed: %1</source>
        <translation>disputed: %1</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Decision:</translation>
    </message>
    <message>
        <source>rescored to %1: %2</source>
        <translation>rescored to %1: %2</translation>
    </message>
    <message>
        <source>upheld: %1</source>
        <translation>upheld: %1</translation>
    </message>
    <message>
        <source>waiting for a supervisor</source>
        <translation>waiting for a supervisor</translation>
    </message>
    <message>
        <source>Coaching note:</source>
        <translation>Coaching note:</translation>
    </message>
    <message>
        <source>&amp;Uphold the score</source>
        <translation>&amp;Uphold the score</translation>
    </message>
    <message>
        <source>&amp;Rescore</source>
        <translation>&amp;Rescore</translation>
    </message>
    <message>
        <source>Add a &amp;coaching note</source>
        <translation>Add a &amp;coaching note</translation>
    </message>
    <message>
        <source>Evaluation: dispute and coaching</source>
        <translation>Evaluation: dispute and coaching</translation>
    </message>
    <message>
        <source>The decision&apos;s reason, or the coaching note</source>
        <translation>The decision&apos;s reason, or the coaching note</translation>
    </message>
    <message>
        <source>New score, 0 to 100</source>
        <translation>New score, 0 to 100</translation>
    </message>
    <message>
        <source>Uphold the disputed score</source>
        <translation>Uphold the disputed score</translation>
    </message>
    <message>
        <source>Replace the disputed score with the new score</source>
        <translation>Replace the disputed score with the new score</translation>
    </message>
    <message>
        <source>Add the note as a coaching note</source>
        <translation>Add the note as a coaching note</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>New &amp;score:</source>
        <translation>New &amp;score:</translation>
    </message>
    <message>
        <source>This store holds no such evaluation.</source>
        <translation>This store holds no such evaluation.</translation>
    </message>
    <message>
        <source>Upheld: the agent sees the decision.</source>
        <translation>Upheld: the agent sees the decision.</translation>
    </message>
    <message>
        <source>Rescored: the agent sees the new score.</source>
        <translation>Rescored: the agent sees the new score.</translation>
    </message>
    <message>
        <source>Write the coaching note in Note (Alt+N) first.</source>
        <translation>Write the coaching note in Note (Alt+N) first.</translation>
    </message>
    <message>
        <source>Coaching note added: the agent sees it with the evaluation.</source>
        <translation>Coaching note added: the agent sees it with the evaluation.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ExportActions</name>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <source>Include the callers&apos; names, phones and emails</source>
        <translation>Include the callers&apos; names, phones and emails</translation>
    </message>
    <message>
        <source>Monthly &amp;report (PDF)…</source>
        <translation>Monthly &amp;report (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Contacts as CSV…</source>
        <translation>&amp;Contacts as CSV…</translation>
    </message>
    <message>
        <source>&amp;Requests as CSV…</source>
        <translation>&amp;Requests as CSV…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Nothing exported: %1</source>
        <translation>Nothing exported: %1</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Export contacts</translation>
    </message>
    <message>
        <source>Export requests</source>
        <translation>Export requests</translation>
    </message>
    <message>
        <source>Save the monthly report</source>
        <translation>Save the monthly report</translation>
    </message>
    <message>
        <source>The report of %1 is in %2</source>
        <translation>The report of %1 is in %2</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to %1</source>
        <translation>
            <numerusform>%n row exported to %1</numerusform>
            <numerusform>%n rows exported to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Lobby visits as CSV…</source>
        <translation>&amp;Lobby visits as CSV…</translation>
    </message>
    <message>
        <source>Export lobby visits</source>
        <translation>Export lobby visits</translation>
    </message>
    <message>
        <source>Export the period&apos;s contacts, requests, lobby visits or evaluations as CSV</source>
        <translation>Export the period&apos;s contacts, requests, lobby visits or evaluations as CSV</translation>
    </message>
    <message>
        <source>&amp;Evaluations as CSV…</source>
        <translation>&amp;Evaluations as CSV…</translation>
    </message>
    <message>
        <source>Export evaluations</source>
        <translation>Export evaluations</translation>
    </message>
</context>
<context>
    <name>civicdesk::FiguresTree</name>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>All contacts</source>
        <translation>All contacts</translation>
    </message>
    <message>
        <source>Channel: %1</source>
        <translation>Channel: %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Outcome: %1</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>still running</translation>
    </message>
    <message>
        <source>Hour %1:00–%2:00</source>
        <translation>Hour %1:00–%2:00</translation>
    </message>
    <message>
        <source>Handling (ended contacts)</source>
        <translation>Handling (ended contacts)</translation>
    </message>
    <message>
        <source>Ended contacts</source>
        <translation>Ended contacts</translation>
    </message>
    <message>
        <source>Average handle time (minutes:seconds)</source>
        <translation>Average handle time (minutes:seconds)</translation>
    </message>
    <message>
        <source>Transfer rate</source>
        <translation>Transfer rate</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Information given</translation>
    </message>
    <message>
        <source>Request created or joined</source>
        <translation>Request created or joined</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>First-contact resolution</translation>
    </message>
    <message>
        <source>Resolved at first contact</source>
        <translation>Resolved at first contact</translation>
    </message>
    <message>
        <source>Contacts counted</source>
        <translation>Contacts counted</translation>
    </message>
    <message>
        <source>Caller came back within %1 days</source>
        <translation>Caller came back within %1 days</translation>
    </message>
    <message>
        <source>Requests opened</source>
        <translation>Requests opened</translation>
    </message>
    <message>
        <source>All requests opened</source>
        <translation>All requests opened</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Service-request SLA</source>
        <translation>Service-request SLA</translation>
    </message>
    <message>
        <source>SLA met (closed in the period on time)</source>
        <translation>SLA met (closed in the period on time)</translation>
    </message>
    <message>
        <source>Closed after the due time</source>
        <translation>Closed after the due time</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>Open now</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Overdue now</translation>
    </message>
    <message numerus="yes">
        <source>Due within %n hour(s)</source>
        <translation>
            <numerusform>Due within %n hour</numerusform>
            <numerusform>Due within %n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::FormEditorDialog</name>
    <message numerus="yes">
        <source>%1 (weight %2, %n questions)</source>
        <translation>
            <numerusform>%1 (weight %2, %n question)</numerusform>
            <numerusform>%1 (weight %2, %n questions)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (critical)</source>
        <translation>%1 (critical)</translation>
    </message>
    <message>
        <source>%1 (when %2 = %3)</source>
        <translation>%1 (when %2 = %3)</translation>
    </message>
    <message>
        <source>Edit the evaluation form: %1</source>
        <translation>Edit the evaluation form: %1</translation>
    </message>
    <message>
        <source>Form title</source>
        <translation>Form title</translation>
    </message>
    <message>
        <source>An overall comment is required below this score (0: never)</source>
        <translation>An overall comment is required below this score (0: never)</translation>
    </message>
    <message>
        <source>Sections of the form</source>
        <translation>Sections of the form</translation>
    </message>
    <message>
        <source>Section title</source>
        <translation>Section title</translation>
    </message>
    <message>
        <source>Section weight</source>
        <translation>Section weight</translation>
    </message>
    <message>
        <source>Add a &amp;section</source>
        <translation>Add a &amp;section</translation>
    </message>
    <message>
        <source>Add a section</source>
        <translation>Add a section</translation>
    </message>
    <message>
        <source>Remo&amp;ve the section</source>
        <translation>Remo&amp;ve the section</translation>
    </message>
    <message>
        <source>Remove the selected section</source>
        <translation>Remove the selected section</translation>
    </message>
    <message>
        <source>Questions of the section</source>
        <translation>Questions of the section</translation>
    </message>
    <message>
        <source>Question text</source>
        <translation>Question text</translation>
    </message>
    <message>
        <source>Answered with</source>
        <translation>Answered with</translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation>Yes or no</translation>
    </message>
    <message>
        <source>A scale from 1</source>
        <translation>A scale from 1</translation>
    </message>
    <message>
        <source>Scale up to</source>
        <translation>Scale up to</translation>
    </message>
    <message>
        <source>N/&amp;A allowed (left out of the score)</source>
        <translation>N/&amp;A allowed (left out of the score)</translation>
    </message>
    <message>
        <source>N/A allowed</source>
        <translation>N/A allowed</translation>
    </message>
    <message>
        <source>&amp;Critical: a no fails the whole evaluation</source>
        <translation>&amp;Critical: a no fails the whole evaluation</translation>
    </message>
    <message>
        <source>Critical question</source>
        <translation>Critical question</translation>
    </message>
    <message>
        <source>A comment is required for an answer below this (yes 1, no 0; 0: never)</source>
        <translation>A comment is required for an answer below this (yes 1, no 0; 0: never)</translation>
    </message>
    <message>
        <source>Asked only when this earlier question</source>
        <translation>Asked only when this earlier question</translation>
    </message>
    <message>
        <source>has this answer (yes 1, no 0, or the scale value)</source>
        <translation>has this answer (yes 1, no 0, or the scale value)</translation>
    </message>
    <message>
        <source>A&amp;dd a question</source>
        <translation>A&amp;dd a question</translation>
    </message>
    <message>
        <source>Add a question to the section</source>
        <translation>Add a question to the section</translation>
    </message>
    <message>
        <source>Re&amp;move the question</source>
        <translation>Re&amp;move the question</translation>
    </message>
    <message>
        <source>Remove the selected question</source>
        <translation>Remove the selected question</translation>
    </message>
    <message>
        <source>&amp;Publish a new version</source>
        <translation>&amp;Publish a new version</translation>
    </message>
    <message>
        <source>Publish the form as a new version</source>
        <translation>Publish the form as a new version</translation>
    </message>
    <message>
        <source>Close the form editor</source>
        <translation>Close the form editor</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>Overall comment &amp;below score:</source>
        <translation>Overall comment &amp;below score:</translation>
    </message>
    <message>
        <source>Section tit&amp;le:</source>
        <translation>Section tit&amp;le:</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>&amp;Weight:</translation>
    </message>
    <message>
        <source>Sectio&amp;ns:</source>
        <translation>Sectio&amp;ns:</translation>
    </message>
    <message>
        <source>Question te&amp;xt:</source>
        <translation>Question te&amp;xt:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Scale &amp;up to:</source>
        <translation>Scale &amp;up to:</translation>
    </message>
    <message>
        <source>Comment &amp;required below:</source>
        <translation>Comment &amp;required below:</translation>
    </message>
    <message>
        <source>&amp;equals</source>
        <translation>&amp;equals</translation>
    </message>
    <message>
        <source>Asked &amp;only when:</source>
        <translation>Asked &amp;only when:</translation>
    </message>
    <message>
        <source>&amp;Questions of the section:</source>
        <translation>&amp;Questions of the section:</translation>
    </message>
    <message>
        <source>(always asked)</source>
        <translation>(always asked)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>New section</source>
        <translation>New section</translation>
    </message>
    <message>
        <source>Section added: give it a title and a weight, then its questions.</source>
        <translation>Section added: give it a title and a weight, then its questions.</translation>
    </message>
    <message>
        <source>Section removed.</source>
        <translation>Section removed.</translation>
    </message>
    <message>
        <source>New question</source>
        <translation>New question</translation>
    </message>
    <message>
        <source>Question added: write its text and how it is answered.</source>
        <translation>Question added: write its text and how it is answered.</translation>
    </message>
    <message>
        <source>Question removed.</source>
        <translation>Question removed.</translation>
    </message>
    <message>
        <source>Published &quot;%1&quot; as version %2; evaluations scored before keep theirs.</source>
        <translation>Published &quot;%1&quot; as version %2; evaluations scored before keep theirs.</translation>
    </message>
</context>
<context>
    <name>civicdesk::GreeterDialog</name>
    <message>
        <source>Check in a visitor</source>
        <translation>Check in a visitor</translation>
    </message>
    <message>
        <source>Reason for the visit</source>
        <translation>Reason for the visit</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanish</translation>
    </message>
    <message>
        <source>Visitor&apos;s language</source>
        <translation>Visitor&apos;s language</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Wheelchair or mobility</source>
        <translation>Wheelchair or mobility</translation>
    </message>
    <message>
        <source>Low vision</source>
        <translation>Low vision</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>Hearing</translation>
    </message>
    <message>
        <source>Other need</source>
        <translation>Other need</translation>
    </message>
    <message>
        <source>Accessibility need (called first)</source>
        <translation>Accessibility need (called first)</translation>
    </message>
    <message>
        <source>Visitor&apos;s name (optional, never on the board)</source>
        <translation>Visitor&apos;s name (optional, never on the board)</translation>
    </message>
    <message>
        <source>&amp;Give the ticket</source>
        <translation>&amp;Give the ticket</translation>
    </message>
    <message>
        <source>Give the ticket</source>
        <translation>Give the ticket</translation>
    </message>
    <message>
        <source>Ticket given</source>
        <translation>Ticket given</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Accessibility need:</source>
        <translation>&amp;Accessibility need:</translation>
    </message>
    <message>
        <source>&amp;Name (optional):</source>
        <translation>&amp;Name (optional):</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Close the check-in</source>
        <translation>Close the check-in</translation>
    </message>
    <message numerus="yes">
        <source>Ticket %1: %n ahead, about %2 minutes.</source>
        <translation>
            <numerusform>Ticket %1: %n ahead, about %2 minutes.</numerusform>
            <numerusform>Ticket %1: %n ahead, about %2 minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Slip: %1</source>
        <translation>Slip: %1</translation>
    </message>
    <message>
        <source>The slip could not be printed (%1): tell the visitor the number.</source>
        <translation>The slip could not be printed (%1): tell the visitor the number.</translation>
    </message>
    <message numerus="yes">
        <source>Ticket %1: %n ahead, called shortly.</source>
        <translation>
            <numerusform>Ticket %1: %n ahead, called shortly.</numerusform>
            <numerusform>Ticket %1: %n ahead, called shortly.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::Handout</name>
    <message>
        <source>Information from your visit</source>
        <translation>Information from your visit</translation>
    </message>
    <message>
        <source>Ticket %1 · counter %2 · %3</source>
        <translation>Ticket %1 · counter %2 · %3</translation>
    </message>
    <message>
        <source>More questions?</source>
        <translation>More questions?</translation>
    </message>
    <message>
        <source>Call %1.</source>
        <translation>Call %1.</translation>
    </message>
    <message>
        <source>Online: %1</source>
        <translation>Online: %1</translation>
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
        <translation>Contact: %1</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>%1 (same address)</source>
        <translation>%1 (same address)</translation>
    </message>
    <message>
        <source>%1 (%2 m away)</source>
        <translation>%1 (%2 m away)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
</context>
<context>
    <name>civicdesk::HistoryPanel</name>
    <message>
        <source>Request number, address or type</source>
        <translation>Request number, address or type</translation>
    </message>
    <message>
        <source>Find requests</source>
        <translation>Find requests</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Status filter</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>%1 requests (%2 loaded)</source>
        <translation>%1 requests (%2 loaded)</translation>
    </message>
    <message>
        <source>&amp;My contacts (%1)</source>
        <translation>&amp;My contacts (%1)</translation>
    </message>
    <message>
        <source>No caller yet: find or enter the caller in intake, and their past contacts and requests show here.</source>
        <translation>No caller yet: find or enter the caller in intake, and their past contacts and requests show here.</translation>
    </message>
    <message>
        <source>The caller&apos;s past contacts and requests, newest first.</source>
        <translation>The caller&apos;s past contacts and requests, newest first.</translation>
    </message>
    <message>
        <source>No location yet: as intake finds the address, the requests there and nearby show here.</source>
        <translation>No location yet: as intake finds the address, the requests there and nearby show here.</translation>
    </message>
    <message>
        <source>Requests at %1 first, then within %2 m; open before closed, newest first.</source>
        <translation>Requests at %1 first, then within %2 m; open before closed, newest first.</translation>
    </message>
    <message>
        <source>this point</source>
        <translation>this point</translation>
    </message>
    <message>
        <source>Your recent contacts (%1), newest first.</source>
        <translation>Your recent contacts (%1), newest first.</translation>
    </message>
    <message>
        <source>Call&amp;backs (%1 due)</source>
        <translation>Call&amp;backs (%1 due)</translation>
    </message>
    <message numerus="yes">
        <source>%n more from the central store.</source>
        <translation>
            <numerusform>%n more from the central store.</numerusform>
            <numerusform>%n more from the central store.</numerusform>
        </translation>
    </message>
    <message>
        <source>The central store has nothing more.</source>
        <translation>The central store has nothing more.</translation>
    </message>
    <message>
        <source>History views</source>
        <translation>History views</translation>
    </message>
    <message>
        <source>C&amp;aller (%1)</source>
        <translation>C&amp;aller (%1)</translation>
    </message>
    <message>
        <source>Locat&amp;ion (%1)</source>
        <translation>Locat&amp;ion (%1)</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Find:</translation>
    </message>
</context>
<context>
    <name>civicdesk::HistorySearchView</name>
    <message>
        <source>Caller&apos;s phone</source>
        <translation>Caller&apos;s phone</translation>
    </message>
    <message>
        <source>Type name or code</source>
        <translation>Type name or code</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>any date</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>The search failed: %1</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Opened from:</source>
        <translation>Opened from:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>to:</translation>
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
        <translation>(no neighbourhood)</translation>
    </message>
    <message>
        <source>All request types</source>
        <translation>All request types</translation>
    </message>
    <message>
        <source>%1 request types</source>
        <translation>%1 request types</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>%1, %2: %3 requests in %4 cells of %5 m.</source>
        <translation>%1, %2: %3 requests in %4 cells of %5 m.</translation>
    </message>
    <message>
        <source>Tick the types to count; none ticked counts every type.</source>
        <translation>Tick the types to count; none ticked counts every type.</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>Neighbourhood</source>
        <translation>Neighbourhood</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Requests per neighbourhood</source>
        <translation>Requests per neighbourhood</translation>
    </message>
    <message>
        <source>Request types:</source>
        <translation>Request types:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>Cell size:</source>
        <translation>Cell size:</translation>
    </message>
    <message>
        <source>Show hot spots</source>
        <translation>Show hot spots</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>civicdesk::ImportDialog</name>
    <message>
        <source>Loading %1</source>
        <translation>Loading %1</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Step %1 of %2: %3</translation>
    </message>
</context>
<context>
    <name>civicdesk::IntakePanel</name>
    <message>
        <source>The request type %1 is not in the catalogue.</source>
        <translation>The request type %1 is not in the catalogue.</translation>
    </message>
    <message>
        <source>This step of the contact could not be recorded: %1</source>
        <translation>This step of the contact could not be recorded: %1</translation>
    </message>
    <message>
        <source>The call ended: choose the outcome and finish the contact.</source>
        <translation>The call ended: choose the outcome and finish the contact.</translation>
    </message>
</context>
<context>
    <name>civicdesk::KioskWindow</name>
    <message>
        <source>What is your visit about?</source>
        <translation>What is your visit about?</translation>
    </message>
    <message>
        <source>Do you need assistance?</source>
        <translation>Do you need assistance?</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Wheelchair or mobility</source>
        <translation>Wheelchair or mobility</translation>
    </message>
    <message>
        <source>Low vision</source>
        <translation>Low vision</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>Hearing</translation>
    </message>
    <message>
        <source>Other need</source>
        <translation>Other need</translation>
    </message>
    <message>
        <source>Your name (optional, never shown on the screen)</source>
        <translation>Your name (optional, never shown on the screen)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Your name</translation>
    </message>
    <message>
        <source>Get my ticket</source>
        <translation>Get my ticket</translation>
    </message>
    <message>
        <source>Your ticket number</source>
        <translation>Your ticket number</translation>
    </message>
    <message>
        <source>People ahead of you: %1. Expected wait: about %2 minutes.
Watch the screen for your number.</source>
        <translation>People ahead of you: %1. Expected wait: about %2 minutes.
Watch the screen for your number.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Welcome to %1</source>
        <translation>Welcome to %1</translation>
    </message>
    <message>
        <source>The ticket could not be printed: please remember your number.</source>
        <translation>The ticket could not be printed: please remember your number.</translation>
    </message>
    <message>
        <source>People ahead of you: %1. You will be called shortly.
Watch the screen for your number.</source>
        <translation>People ahead of you: %1. You will be called shortly.
Watch the screen for your number.</translation>
    </message>
    <message>
        <source>Choose your language</source>
        <translation>Choose your language</translation>
    </message>
    <message>
        <source>Your name can be at most 100 characters: please shorten it.</source>
        <translation>Your name can be at most 100 characters: please shorten it.</translation>
    </message>
    <message>
        <source>No ticket number is free just now: please try again, or ask at the desk.</source>
        <translation>No ticket number is free just now: please try again, or ask at the desk.</translation>
    </message>
    <message>
        <source>Your ticket could not be issued: please try again, or ask at the desk for help.</source>
        <translation>Your ticket could not be issued: please try again, or ask at the desk for help.</translation>
    </message>
</context>
<context>
    <name>civicdesk::KnowledgePanel</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>What is the caller asking about?</source>
        <translation>What is the caller asking about?</translation>
    </message>
    <message>
        <source>Search the knowledge base</source>
        <translation>Search the knowledge base</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Read to the caller:</source>
        <translation>Read to the caller:</translation>
    </message>
    <message>
        <source>Keywords:</source>
        <translation>Keywords:</translation>
    </message>
    <message>
        <source>Start this request (Ctrl+Shift+S)</source>
        <translation>Start this request (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Transfer:</source>
        <translation>Transfer:</translation>
    </message>
    <message>
        <source>Review due: %1</source>
        <translation>Review due: %1</translation>
    </message>
    <message>
        <source>Changed since you last read it.</source>
        <translation>Changed since you last read it.</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <source>Title: %1</source>
        <translation>Title: %1</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>Language: %1</translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation>Department: %1</translation>
    </message>
    <message>
        <source>Request types: %1</source>
        <translation>Request types: %1</translation>
    </message>
    <message>
        <source>Keywords: %1</source>
        <translation>Keywords: %1</translation>
    </message>
    <message>
        <source>Transfer: %1 %2 %3</source>
        <translation>Transfer: %1 %2 %3</translation>
    </message>
    <message>
        <source>Script: %1</source>
        <translation>Script: %1</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>All languages</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanish</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Not yet in effect</source>
        <translation>Not yet in effect</translation>
    </message>
    <message>
        <source>Expired on %1: agents no longer find this article.</source>
        <translation>Expired on %1: agents no longer find this article.</translation>
    </message>
    <message>
        <source>In effect from %1: agents do not find this article before then.</source>
        <translation>In effect from %1: agents do not find this article before then.</translation>
    </message>
    <message>
        <source>Expires today: check the information before reading it out.</source>
        <translation>Expires today: check the information before reading it out.</translation>
    </message>
    <message numerus="yes">
        <source>Expires in %n day(s), on %1: check the information before reading it out.</source>
        <translation>
            <numerusform>Expires in %n day, on %1: check the information before reading it out.</numerusform>
            <numerusform>Expires in %n days, on %1: check the information before reading it out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search all languages and departments (Ctrl+Shift+A)</source>
        <translation>Search all languages and departments (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Search all languages and departments</source>
        <translation>Search all languages and departments</translation>
    </message>
    <message>
        <source>No good match</source>
        <translation>No good match</translation>
    </message>
    <message>
        <source>No good match: no article holds these words.</source>
        <translation>No good match: no article holds these words.</translation>
    </message>
    <message>
        <source>No good match: none of these articles answers all of what is typed. The closest are listed as suggestions.</source>
        <translation>No good match: none of these articles answers all of what is typed. The closest are listed as suggestions.</translation>
    </message>
    <message>
        <source>Search the knowledge base:</source>
        <translation>Search the knowledge base:</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>New article</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Review due</source>
        <translation>Review due</translation>
    </message>
</context>
<context>
    <name>civicdesk::KnowledgeUsageDialog</name>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Information calls</source>
        <translation>Information calls</translation>
    </message>
    <message>
        <source>Searched for</source>
        <translation>Searched for</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>Knowledge usage: answers and gaps</source>
        <translation>Knowledge usage: answers and gaps</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>Last 365 days</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Answers that closed information calls</source>
        <translation>Answers that closed information calls</translation>
    </message>
    <message>
        <source>Searches nothing answered</source>
        <translation>Searches nothing answered</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>&amp;Answers that closed information calls (contacts that ended &quot;information given&quot; with the article opened):</source>
        <translation>&amp;Answers that closed information calls (contacts that ended &quot;information given&quot; with the article opened):</translation>
    </message>
    <message>
        <source>&amp;Searches nothing answered (&quot;No good match&quot; during a contact) — the articles to write next:</source>
        <translation>&amp;Searches nothing answered (&quot;No good match&quot; during a contact) — the articles to write next:</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>civicdesk::KnownIssueBanner</name>
    <message>
        <source>Known issue</source>
        <translation>Known issue</translation>
    </message>
    <message>
        <source>Attach the caller to the known issue&apos;s request (Ctrl+K)</source>
        <translation>Attach the caller to the known issue&apos;s request (Ctrl+K)</translation>
    </message>
    <message>
        <source>Attach the caller to the known issue&apos;s request</source>
        <translation>Attach the caller to the known issue&apos;s request</translation>
    </message>
    <message>
        <source>Known issue: %1 · request %2 · until %3</source>
        <translation>Known issue: %1 · request %2 · until %3</translation>
    </message>
    <message>
        <source>Say to the caller: “%1”</source>
        <translation>Say to the caller: “%1”</translation>
    </message>
</context>
<context>
    <name>civicdesk::KnownIssueDialog</name>
    <message>
        <source>Post a known issue</source>
        <translation>Post a known issue</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n request(s) within %2 m of %3 since %4 · callers are attached to request %5</source>
        <translation>
            <numerusform>%1 · %n request within %2 m of %3 since %4 · callers are attached to request %5</numerusform>
            <numerusform>%1 · %n requests within %2 m of %3 since %4 · callers are attached to request %5</numerusform>
        </translation>
    </message>
    <message>
        <source>What agents should know</source>
        <translation>What agents should know</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) of %1 near %2 since %3. Attach new callers to request %4.</source>
        <translation>
            <numerusform>%n report of %1 near %2 since %3. Attach new callers to request %4.</numerusform>
            <numerusform>%n reports of %1 near %2 since %3. Attach new callers to request %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>Script for callers</source>
        <translation>Script for callers</translation>
    </message>
    <message>
        <source>We already know about this problem near %1 and the crew has been told. I will add you to request %2 so you hear when it is fixed.</source>
        <translation>We already know about this problem near %1 and the crew has been told. I will add you to request %2 so you hear when it is fixed.</translation>
    </message>
    <message>
        <source>Expires in hours</source>
        <translation>Expires in hours</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>What agents should &amp;know:</source>
        <translation>What agents should &amp;know:</translation>
    </message>
    <message>
        <source>&amp;Script for callers:</source>
        <translation>&amp;Script for callers:</translation>
    </message>
    <message>
        <source>E&amp;xpires in:</source>
        <translation>E&amp;xpires in:</translation>
    </message>
    <message>
        <source>&amp;Post to every agent</source>
        <translation>&amp;Post to every agent</translation>
    </message>
    <message>
        <source>Post the known issue</source>
        <translation>Post the known issue</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>civicdesk::LayerListModel</name>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Features</translation>
    </message>
    <message>
        <source>Extent (lat, lon)</source>
        <translation>Extent (lat, lon)</translation>
    </message>
</context>
<context>
    <name>civicdesk::LiveTrainerWindow</name>
    <message>
        <source>Caller (you)</source>
        <translation>Caller (you)</translation>
    </message>
    <message>
        <source>%1 asks</source>
        <translation>%1 asks</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>Practice</translation>
    </message>
    <message>
        <source>%1 joined; say the caller&apos;s opening line.</source>
        <translation>%1 joined; say the caller&apos;s opening line.</translation>
    </message>
    <message>
        <source>The live call has ended.</source>
        <translation>The live call has ended.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Opening: %1</source>
        <translation>Opening: %1</translation>
    </message>
    <message>
        <source>Where (F5): %1</source>
        <translation>Where (F5): %1</translation>
    </message>
    <message>
        <source>What happened (F6): %1</source>
        <translation>What happened (F6): %1</translation>
    </message>
    <message>
        <source>Who is calling (F7): %1</source>
        <translation>Who is calling (F7): %1</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anonymous</translation>
    </message>
    <message>
        <source>Answer (F8): %1</source>
        <translation>Answer (F8): %1</translation>
    </message>
    <message>
        <source>PRACTICE — live call: %1</source>
        <translation>PRACTICE — live call: %1</translation>
    </message>
    <message>
        <source>Join code: %1</source>
        <translation>Join code: %1</translation>
    </message>
    <message>
        <source>The live call has ended; close this window.</source>
        <translation>The live call has ended; close this window.</translation>
    </message>
    <message>
        <source>Waiting for the trainee: on their workstation, Practice ▸ Join a trainer&apos;s live call (Ctrl+Alt+J), then this code.</source>
        <translation>Waiting for the trainee: on their workstation, Practice ▸ Join a trainer&apos;s live call (Ctrl+Alt+J), then this code.</translation>
    </message>
    <message>
        <source>%1 takes the call. Type what the caller says and press Enter.</source>
        <translation>%1 takes the call. Type what the caller says and press Enter.</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Transcript</translation>
    </message>
    <message>
        <source>Transcript of the live call</source>
        <translation>Transcript of the live call</translation>
    </message>
    <message>
        <source>&amp;Say as the caller:</source>
        <translation>&amp;Say as the caller:</translation>
    </message>
    <message>
        <source>Say as the caller</source>
        <translation>Say as the caller</translation>
    </message>
    <message>
        <source>Sa&amp;y</source>
        <translation>Sa&amp;y</translation>
    </message>
    <message>
        <source>Say the line</source>
        <translation>Say the line</translation>
    </message>
    <message>
        <source>Scenario s&amp;cript</source>
        <translation>Scenario s&amp;cript</translation>
    </message>
    <message>
        <source>Scenario script</source>
        <translation>Scenario script</translation>
    </message>
    <message>
        <source>Trainee&apos;s &amp;intake (read only)</source>
        <translation>Trainee&apos;s &amp;intake (read only)</translation>
    </message>
    <message>
        <source>Trainee&apos;s intake, read only</source>
        <translation>Trainee&apos;s intake, read only</translation>
    </message>
    <message>
        <source>&amp;End the call (Ctrl+E)</source>
        <translation>&amp;End the call (Ctrl+E)</translation>
    </message>
    <message>
        <source>End the live call</source>
        <translation>End the live call</translation>
    </message>
</context>
<context>
    <name>civicdesk::LobbyFiguresPanel</name>
    <message>
        <source>served</source>
        <translation>served</translation>
    </message>
    <message>
        <source>served: %1</source>
        <translation>served: %1</translation>
    </message>
    <message>
        <source>no-show</source>
        <translation>no-show</translation>
    </message>
    <message>
        <source>at the counter</source>
        <translation>at the counter</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>parked</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>Visitors: tickets issued in the period (the city&apos;s local days). Wait: from the arrival to the first call. Service: from the call to the end of a served visit. 90%: nine visits in ten took at most this long. A counter counts the visits it called last; a category, the visit&apos;s category now. Minutes:seconds.</source>
        <translation>Visitors: tickets issued in the period (the city&apos;s local days). Wait: from the arrival to the first call. Service: from the call to the end of a served visit. 90%: nine visits in ten took at most this long. A counter counts the visits it called last; a category, the visit&apos;s category now. Minutes:seconds.</translation>
    </message>
    <message>
        <source>Lobby figures; Enter lists the visits behind one</source>
        <translation>Lobby figures; Enter lists the visits behind one</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Average wait</translation>
    </message>
    <message>
        <source>90% wait</source>
        <translation>90% wait</translation>
    </message>
    <message>
        <source>Average service</source>
        <translation>Average service</translation>
    </message>
    <message>
        <source>90% service</source>
        <translation>90% service</translation>
    </message>
    <message>
        <source>Lobby visits</source>
        <translation>Lobby visits</translation>
    </message>
    <message>
        <source>All visits</source>
        <translation>All visits</translation>
    </message>
    <message>
        <source>Called to a counter</source>
        <translation>Called to a counter</translation>
    </message>
    <message>
        <source>Not finished (waiting, at a counter or parked)</source>
        <translation>Not finished (waiting, at a counter or parked)</translation>
    </message>
    <message numerus="yes">
        <source>Visitors per hour (hours with arrivals: %n)</source>
        <translation>
            <numerusform>Visitors per hour (hours with arrivals: %n)</numerusform>
            <numerusform>Visitors per hour (hours with arrivals: %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Arrivals by hour</source>
        <translation>Arrivals by hour</translation>
    </message>
    <message>
        <source>%1:00–%2:00</source>
        <translation>%1:00–%2:00</translation>
    </message>
    <message>
        <source>Counter %1</source>
        <translation>Counter %1</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>By counter</source>
        <translation>By counter</translation>
    </message>
    <message>
        <source>Visits: %1</source>
        <translation>Visits: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s), in arrival order</source>
        <translation>
            <numerusform>%n visit, in arrival order</numerusform>
            <numerusform>%n visits, in arrival order</numerusform>
        </translation>
    </message>
    <message>
        <source>The visits behind %1</source>
        <translation>The visits behind %1</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Wait</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Recalls</source>
        <translation>Recalls</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Close the list</source>
        <translation>Close the list</translation>
    </message>
</context>
<context>
    <name>civicdesk::LocationBox</name>
    <message>
        <source>Address or intersection, e.g. 1 City Hall Plaza, or Mass Ave and Boylston</source>
        <translation>Address or intersection, e.g. 1 City Hall Plaza, or Mass Ave and Boylston</translation>
    </message>
    <message>
        <source>Location address</source>
        <translation>Location address</translation>
    </message>
    <message>
        <source>Matching addresses</source>
        <translation>Matching addresses</translation>
    </message>
    <message>
        <source>No street address: describe a landmark</source>
        <translation>No street address: describe a landmark</translation>
    </message>
    <message>
        <source>e.g. the bench by the Frog Pond on Boston Common</source>
        <translation>e.g. the bench by the Frog Pond on Boston Common</translation>
    </message>
    <message>
        <source>Landmark</source>
        <translation>Landmark</translation>
    </message>
    <message>
        <source>&lt;b&gt;Outside the city.&lt;/b&gt; Refer the caller to &lt;b&gt;%1&lt;/b&gt;: %2 %3&lt;br&gt;%4</source>
        <translation>&lt;b&gt;Outside the city.&lt;/b&gt; Refer the caller to &lt;b&gt;%1&lt;/b&gt;: %2 %3&lt;br&gt;%4</translation>
    </message>
    <message>
        <source>Pick an address from the list (Enter picks the first).</source>
        <translation>Pick an address from the list (Enter picks the first).</translation>
    </message>
    <message>
        <source>Ward %1</source>
        <translation>Ward %1</translation>
    </message>
    <message>
        <source>Precinct %1</source>
        <translation>Precinct %1</translation>
    </message>
    <message>
        <source>✔ %1 — %2</source>
        <translation>✔ %1 — %2</translation>
    </message>
    <message>
        <source>district unknown</source>
        <translation>district unknown</translation>
    </message>
    <message>
        <source>&lt;b&gt;Outside the city.&lt;/b&gt; This place is beyond the city&apos;s boundary and no referral is known for it: no request can be taken here.</source>
        <translation>&lt;b&gt;Outside the city.&lt;/b&gt; This place is beyond the city&apos;s boundary and no referral is known for it: no request can be taken here.</translation>
    </message>
</context>
<context>
    <name>civicdesk::LoginDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>Work &amp;offline</translation>
    </message>
    <message>
        <source>Sign in to the central store</source>
        <translation>Sign in to the central store</translation>
    </message>
    <message>
        <source>Sign in to sync with %1.</source>
        <translation>Sign in to sync with %1.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Enter your user name and password.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>civicdesk::MainWindow</name>
    <message>
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>Knowledge</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Go to &amp;Intake</source>
        <translation>Go to &amp;Intake</translation>
    </message>
    <message>
        <source>Go to &amp;Knowledge</source>
        <translation>Go to &amp;Knowledge</translation>
    </message>
    <message>
        <source>Go to &amp;Map</source>
        <translation>Go to &amp;Map</translation>
    </message>
    <message>
        <source>Go to &amp;History</source>
        <translation>Go to &amp;History</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Panels</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Reset layout</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About CivicDesk</source>
        <translation>&amp;About CivicDesk</translation>
    </message>
    <message>
        <source>Move through the list while typing</source>
        <translation>Move through the list while typing</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Next field</translation>
    </message>
    <message>
        <source>Standalone: working on this workstation&apos;s store (no server configured)</source>
        <translation>Standalone: working on this workstation&apos;s store (no server configured)</translation>
    </message>
    <message>
        <source>Store: %1 · %2 requests</source>
        <translation>Store: %1 · %2 requests</translation>
    </message>
    <message>
        <source>About CivicDesk</source>
        <translation>About CivicDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CivicDesk %1&lt;/h3&gt;&lt;p&gt;The 311 contact-center workstation: intake, knowledge, map and history in one window.&lt;/p&gt;&lt;p&gt;Demo city data: City of Boston (ODC-PDDL and CC0). See ATTRIBUTION.md in the city pack.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CivicDesk %1&lt;/h3&gt;&lt;p&gt;The 311 contact-center workstation: intake, knowledge, map and history in one window.&lt;/p&gt;&lt;p&gt;Demo city data: City of Boston (ODC-PDDL and CC0). See ATTRIBUTION.md in the city pack.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Agent: %1 (not signed in)</source>
        <translation>Agent: %1 (not signed in)</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Contact</translation>
    </message>
    <message>
        <source>&amp;Start contact</source>
        <translation>&amp;Start contact</translation>
    </message>
    <message>
        <source>&amp;End contact</source>
        <translation>&amp;End contact</translation>
    </message>
    <message>
        <source>Submit the request</source>
        <translation>Submit the request</translation>
    </message>
    <message>
        <source>Attach the caller to the selected nearby request</source>
        <translation>Attach the caller to the selected nearby request</translation>
    </message>
    <message>
        <source>Point picked on the map (%1, %2)</source>
        <translation>Point picked on the map (%1, %2)</translation>
    </message>
    <message>
        <source>&amp;Knowledge</source>
        <translation>&amp;Knowledge</translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation>&amp;New article</translation>
    </message>
    <message>
        <source>&amp;Edit article</source>
        <translation>&amp;Edit article</translation>
    </message>
    <message>
        <source>Article &amp;history</source>
        <translation>Article &amp;history</translation>
    </message>
    <message>
        <source>&amp;Review due</source>
        <translation>&amp;Review due</translation>
    </message>
    <message>
        <source>Status read-&amp;back</source>
        <translation>Status read-&amp;back</translation>
    </message>
    <message>
        <source>Quit CivicDesk</source>
        <translation>Quit CivicDesk</translation>
    </message>
    <message>
        <source>A contact or an unsubmitted request is still open. Keep it as a draft (it comes back when CivicDesk starts again), discard it, or go back to it?</source>
        <translation>A contact or an unsubmitted request is still open. Keep it as a draft (it comes back when CivicDesk starts again), discard it, or go back to it?</translation>
    </message>
    <message>
        <source>&amp;Keep as draft</source>
        <translation>&amp;Keep as draft</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Go back</translation>
    </message>
    <message>
        <source>&amp;Usage: answers and gaps</source>
        <translation>&amp;Usage: answers and gaps</translation>
    </message>
    <message>
        <source>Supervisor &amp;workspace</source>
        <translation>Supervisor &amp;workspace</translation>
    </message>
    <message>
        <source>A supervisor has been asked to come to you.</source>
        <translation>A supervisor has been asked to come to you.</translation>
    </message>
    <message>
        <source>Ask a supervisor for &amp;help</source>
        <translation>Ask a supervisor for &amp;help</translation>
    </message>
    <message>
        <source>P&amp;ractice</source>
        <translation>P&amp;ractice</translation>
    </message>
    <message>
        <source>&amp;Start a practice call…</source>
        <translation>&amp;Start a practice call…</translation>
    </message>
    <message>
        <source>Answer the ringing call</source>
        <translation>Answer the ringing call</translation>
    </message>
    <message>
        <source>Hang up the call</source>
        <translation>Hang up the call</translation>
    </message>
    <message>
        <source>PRACTICE — nothing here reaches residents</source>
        <translation>PRACTICE — nothing here reaches residents</translation>
    </message>
    <message>
        <source>Go to the &amp;lobby counter</source>
        <translation>Go to the &amp;lobby counter</translation>
    </message>
    <message>
        <source>Lobby counter</source>
        <translation>Lobby counter</translation>
    </message>
    <message>
        <source>My &amp;quality reviews</source>
        <translation>My &amp;quality reviews</translation>
    </message>
    <message>
        <source>Trainee &amp;report…</source>
        <translation>Trainee &amp;report…</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>Transfer the call</translation>
    </message>
    <message>
        <source>Dial a number</source>
        <translation>Dial a number</translation>
    </message>
    <message>
        <source>&amp;Write a practice scenario…</source>
        <translation>&amp;Write a practice scenario…</translation>
    </message>
    <message>
        <source>S&amp;upervisor</source>
        <translation>S&amp;upervisor</translation>
    </message>
    <message>
        <source>S&amp;witch agent…</source>
        <translation>S&amp;witch agent…</translation>
    </message>
    <message>
        <source>Agent: %1 · %2</source>
        <translation>Agent: %1 · %2</translation>
    </message>
    <message>
        <source>Play the &amp;caller live…</source>
        <translation>Play the &amp;caller live…</translation>
    </message>
    <message>
        <source>&amp;Join a trainer&apos;s live call…</source>
        <translation>&amp;Join a trainer&apos;s live call…</translation>
    </message>
    <message>
        <source>My &amp;figures</source>
        <translation>My &amp;figures</translation>
    </message>
</context>
<context>
    <name>civicdesk::MapOverviewPanel</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — map centre %2&lt;br&gt;%3 address points · %4 intersections · %5 map layers</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — map centre %2&lt;br&gt;%3 address points · %4 intersections · %5 map layers</translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation>Map layers</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) on the map</source>
        <translation>
            <numerusform>%Ln request on the map</numerusform>
            <numerusform>%Ln requests on the map</numerusform>
        </translation>
    </message>
    <message>
        <source>Map data: City of %1</source>
        <translation>Map data: City of %1</translation>
    </message>
    <message>
        <source>Tiles: %1</source>
        <translation>Tiles: %1</translation>
    </message>
    <message>
        <source>City map</source>
        <translation>City map</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Hot spots</source>
        <translation>Hot spots</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 requests</translation>
    </message>
    <message>
        <source>Location being entered</source>
        <translation>Location being entered</translation>
    </message>
    <message>
        <source>No address point near here</source>
        <translation>No address point near here</translation>
    </message>
    <message>
        <source>This request has no location to show on the map.</source>
        <translation>This request has no location to show on the map.</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Selected: %1</translation>
    </message>
    <message>
        <source>Being entered: %1</source>
        <translation>Being entered: %1</translation>
    </message>
    <message>
        <source>Possible duplicate: %1</source>
        <translation>Possible duplicate: %1</translation>
    </message>
    <message>
        <source>Ward %1</source>
        <translation>Ward %1</translation>
    </message>
    <message>
        <source>Precinct %1</source>
        <translation>Precinct %1</translation>
    </message>
    <message>
        <source>Picked: %1 (%2), %3 m from the point chosen</source>
        <translation>Picked: %1 (%2), %3 m from the point chosen</translation>
    </message>
    <message>
        <source>No address point near the place picked (%1, %2).</source>
        <translation>No address point near the place picked (%1, %2).</translation>
    </message>
    <message>
        <source>That is not a tile server address: it must start with https:// and contain {z}, {x} and {y}.</source>
        <translation>That is not a tile server address: it must start with https:// and contain {z}, {x} and {y}.</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Layers</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>Moves the keyboard into the map: arrow keys move the crosshair (Shift for bigger steps), Enter picks the nearest address, + and - zoom. Clicking the map picks too.</source>
        <translation>Moves the keyboard into the map: arrow keys move the crosshair (Shift for bigger steps), Enter picks the nearest address, + and - zoom. Clicking the map picks too.</translation>
    </message>
    <message>
        <source>Map views</source>
        <translation>Map views</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>Opened from:</source>
        <translation>Opened from:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>to:</translation>
    </message>
    <message>
        <source>Pick on map</source>
        <translation>Pick on map</translation>
    </message>
    <message>
        <source>Tile server (optional, for cities that run one): an address with {z}, {x} and {y}. Leave empty to draw the map from the city&apos;s own layers, with nothing fetched from the network.</source>
        <translation>Tile server (optional, for cities that run one): an address with {z}, {x} and {y}. Leave empty to draw the map from the city&apos;s own layers, with nothing fetched from the network.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>The requests could not be read for the map: %1</source>
        <translation>The requests could not be read for the map: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::MapView</name>
    <message>
        <source>Loading the map…</source>
        <translation>Loading the map…</translation>
    </message>
    <message>
        <source>The map page does not match this version of CivicDesk (%1). Reinstall CivicDesk.</source>
        <translation>The map page does not match this version of CivicDesk (%1). Reinstall CivicDesk.</translation>
    </message>
    <message>
        <source>The map cannot start while CivicDesk runs as the administrator (root). Run CivicDesk as a normal user, or set QTWEBENGINE_DISABLE_SANDBOX=1. Everything on the map is also available in the intake and history panels.</source>
        <translation>The map cannot start while CivicDesk runs as the administrator (root). Run CivicDesk as a normal user, or set QTWEBENGINE_DISABLE_SANDBOX=1. Everything on the map is also available in the intake and history panels.</translation>
    </message>
    <message>
        <source>City map</source>
        <translation>City map</translation>
    </message>
    <message>
        <source>Requests, the location being entered and duplicates on a map of the city. Arrow keys move a crosshair, Enter picks the nearest address, plus and minus zoom.</source>
        <translation>Requests, the location being entered and duplicates on a map of the city. Arrow keys move a crosshair, Enter picks the nearest address, plus and minus zoom.</translation>
    </message>
    <message>
        <source>Everything on the map is also available in the intake and history panels.</source>
        <translation>Everything on the map is also available in the intake and history panels.</translation>
    </message>
</context>
<context>
    <name>civicdesk::MyEvaluationsDialog</name>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation>Ac&amp;knowledge</translation>
    </message>
    <message>
        <source>&amp;Dispute</source>
        <translation>&amp;Dispute</translation>
    </message>
    <message>
        <source>My quality reviews</source>
        <translation>My quality reviews</translation>
    </message>
    <message>
        <source>My evaluations</source>
        <translation>My evaluations</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>Answer by</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Note, or the reason for a dispute</source>
        <translation>Note, or the reason for a dispute</translation>
    </message>
    <message>
        <source>Acknowledge the selected evaluation</source>
        <translation>Acknowledge the selected evaluation</translation>
    </message>
    <message>
        <source>Dispute the selected evaluation</source>
        <translation>Dispute the selected evaluation</translation>
    </message>
    <message>
        <source>&amp;Note or reason:</source>
        <translation>&amp;Note or reason:</translation>
    </message>
    <message>
        <source>waiting for you</source>
        <translation>waiting for you</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acknowledged</translation>
    </message>
    <message>
        <source>disputed: a supervisor decides</source>
        <translation>disputed: a supervisor decides</translation>
    </message>
    <message>
        <source>rescored: %1</source>
        <translation>rescored: %1</translation>
    </message>
    <message>
        <source>upheld: %1</source>
        <translation>upheld: %1</translation>
    </message>
    <message>
        <source>0 (a critical item failed)</source>
        <translation>0 (a critical item failed)</translation>
    </message>
    <message>
        <source>You have no evaluations yet.</source>
        <translation>You have no evaluations yet.</translation>
    </message>
    <message>
        <source>Choose an evaluation first.</source>
        <translation>Choose an evaluation first.</translation>
    </message>
    <message>
        <source>Disputed: a supervisor will decide.</source>
        <translation>Disputed: a supervisor will decide.</translation>
    </message>
    <message>
        <source>Acknowledged.</source>
        <translation>Acknowledged.</translation>
    </message>
</context>
<context>
    <name>civicdesk::MyFiguresDialog</name>
    <message>
        <source>My figures — %1</source>
        <translation>My figures — %1</translation>
    </message>
    <message>
        <source>Your figures; Enter lists what is behind one</source>
        <translation>Your figures; Enter lists what is behind one</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
</context>
<context>
    <name>civicdesk::PhoneFiguresPanel</name>
    <message>
        <source>Load the inter&amp;val report…</source>
        <translation>Load the inter&amp;val report…</translation>
    </message>
    <message>
        <source>Phone system figures by queue</source>
        <translation>Phone system figures by queue</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Offered</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Service level</translation>
    </message>
    <message>
        <source>Abandon rate</source>
        <translation>Abandon rate</translation>
    </message>
    <message>
        <source>Average speed of answer</source>
        <translation>Average speed of answer</translation>
    </message>
    <message>
        <source>Load the phone system&apos;s interval report (CSV)</source>
        <translation>Load the phone system&apos;s interval report (CSV)</translation>
    </message>
    <message>
        <source>The phone system&apos;s interval report</source>
        <translation>The phone system&apos;s interval report</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>All queues</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n interval(s) of %1.</source>
        <translation>
            <numerusform>Imported %n interval of %1.</numerusform>
            <numerusform>Imported %n intervals of %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::PracticeChannel</name>
    <message>
        <source>The central store cannot be reached: %1</source>
        <translation>The central store cannot be reached: %1</translation>
    </message>
    <message>
        <source>The central store refused (HTTP %1).</source>
        <translation>The central store refused (HTTP %1).</translation>
    </message>
    <message>
        <source>The practice call&apos;s answer could not be read (%1).</source>
        <translation>The practice call&apos;s answer could not be read (%1).</translation>
    </message>
</context>
<context>
    <name>civicdesk::PracticeMode</name>
    <message>
        <source>holds no practice scenarios (*.json)</source>
        <translation>holds no practice scenarios (*.json)</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>Practice</translation>
    </message>
    <message>
        <source>There is no practice scenario &quot;%1&quot;.</source>
        <translation>There is no practice scenario &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No folder for the practice store: %1</source>
        <translation>No folder for the practice store: %1</translation>
    </message>
    <message>
        <source>The practice store could not be made: %1</source>
        <translation>The practice store could not be made: %1</translation>
    </message>
    <message>
        <source>The scenario&apos;s requests could not be made: %1</source>
        <translation>The scenario&apos;s requests could not be made: %1</translation>
    </message>
    <message>
        <source>PRACTICE — %1</source>
        <translation>PRACTICE — %1</translation>
    </message>
    <message>
        <source>PRACTICE — nothing here reaches residents · %1</source>
        <translation>PRACTICE — nothing here reaches residents · %1</translation>
    </message>
    <message>
        <source>Caller (practice)</source>
        <translation>Caller (practice)</translation>
    </message>
    <message>
        <source>P&amp;ractice run</source>
        <translation>P&amp;ractice run</translation>
    </message>
    <message>
        <source>&amp;Score this call</source>
        <translation>&amp;Score this call</translation>
    </message>
    <message>
        <source>&amp;Leave practice</source>
        <translation>&amp;Leave practice</translation>
    </message>
    <message>
        <source>The run was scored but not kept: %1</source>
        <translation>The run was scored but not kept: %1</translation>
    </message>
    <message>
        <source>Trainee report</source>
        <translation>Trainee report</translation>
    </message>
    <message>
        <source>This workstation keeps no training record.</source>
        <translation>This workstation keeps no training record.</translation>
    </message>
    <message>
        <source>Practice scenarios are written by trainers and admins; this workstation works as %1. Ask a trainer for a new scenario, or practise with the ones listed (Ctrl+Alt+P).</source>
        <translation>Practice scenarios are written by trainers and admins; this workstation works as %1. Ask a trainer for a new scenario, or practise with the ones listed (Ctrl+Alt+P).</translation>
    </message>
    <message>
        <source>Practice scenarios</source>
        <translation>Practice scenarios</translation>
    </message>
    <message>
        <source>Practice scenario &quot;%1&quot; saved in %2; it is in the practice list.</source>
        <translation>Practice scenario &quot;%1&quot; saved in %2; it is in the practice list.</translation>
    </message>
    <message>
        <source>Practice scenario &quot;%1&quot; deleted; it is no longer in the practice list.</source>
        <translation>Practice scenario &quot;%1&quot; deleted; it is no longer in the practice list.</translation>
    </message>
    <message>
        <source>Live practice call</source>
        <translation>Live practice call</translation>
    </message>
    <message>
        <source>Live practice calls are opened by trainers and admins; this workstation works as %1. To take a live call from a trainer, choose Practice ▸ Join a trainer&apos;s live call (Ctrl+Alt+J).</source>
        <translation>Live practice calls are opened by trainers and admins; this workstation works as %1. To take a live call from a trainer, choose Practice ▸ Join a trainer&apos;s live call (Ctrl+Alt+J).</translation>
    </message>
    <message>
        <source>A live practice call goes through the central store: start CivicDesk with a server and sign in. Without one, practise with the scripted caller (Ctrl+Alt+P).</source>
        <translation>A live practice call goes through the central store: start CivicDesk with a server and sign in. Without one, practise with the scripted caller (Ctrl+Alt+P).</translation>
    </message>
    <message>
        <source>Play the caller live: choose the scenario</source>
        <translation>Play the caller live: choose the scenario</translation>
    </message>
    <message>
        <source>A live practice call goes through the central store; this workstation has none.</source>
        <translation>A live practice call goes through the central store; this workstation has none.</translation>
    </message>
    <message>
        <source>A live practice call is open already; end it first (Ctrl+E).</source>
        <translation>A live practice call is open already; end it first (Ctrl+E).</translation>
    </message>
    <message>
        <source>The live practice call could not be opened: %1</source>
        <translation>The live practice call could not be opened: %1</translation>
    </message>
    <message>
        <source>Join a trainer&apos;s live call</source>
        <translation>Join a trainer&apos;s live call</translation>
    </message>
    <message>
        <source>The &amp;join code on the trainer&apos;s screen:</source>
        <translation>The &amp;join code on the trainer&apos;s screen:</translation>
    </message>
    <message>
        <source>You are in a live practice call already; leave it first (Ctrl+Alt+X).</source>
        <translation>You are in a live practice call already; leave it first (Ctrl+Alt+X).</translation>
    </message>
    <message>
        <source>Could not join the live call: %1</source>
        <translation>Could not join the live call: %1</translation>
    </message>
    <message>
        <source>The trainer chose a scenario this workstation cannot run: %1</source>
        <translation>The trainer chose a scenario this workstation cannot run: %1</translation>
    </message>
    <message>
        <source>PRACTICE — live call with %1 — %2</source>
        <translation>PRACTICE — live call with %1 — %2</translation>
    </message>
    <message>
        <source>The live call has ended; score it (Ctrl+Alt+S) or leave practice (Ctrl+Alt+X).</source>
        <translation>The live call has ended; score it (Ctrl+Alt+S) or leave practice (Ctrl+Alt+X).</translation>
    </message>
    <message>
        <source>Caller&apos;s &amp;voice (speak the caller&apos;s lines)</source>
        <translation>Caller&apos;s &amp;voice (speak the caller&apos;s lines)</translation>
    </message>
    <message>
        <source>The shared practice scenarios could not be updated (%1); the copies on this workstation are listed.</source>
        <translation>The shared practice scenarios could not be updated (%1); the copies on this workstation are listed.</translation>
    </message>
    <message>
        <source>Practice runs not sent to the central store yet (%1); they are kept on this workstation and sent later.</source>
        <translation>Practice runs not sent to the central store yet (%1); they are kept on this workstation and sent later.</translation>
    </message>
    <message>
        <source>The class&apos;s practice runs could not be read from the central store (%1); the report shows the runs on this workstation.</source>
        <translation>The class&apos;s practice runs could not be read from the central store (%1); the report shows the runs on this workstation.</translation>
    </message>
</context>
<context>
    <name>civicdesk::PracticePhone</name>
    <message>
        <source>the practice phone (no real line)</source>
        <translation>the practice phone (no real line)</translation>
    </message>
    <message>
        <source>practice</source>
        <translation>practice</translation>
    </message>
    <message>
        <source>The practice phone does not call out.</source>
        <translation>The practice phone does not call out.</translation>
    </message>
</context>
<context>
    <name>civicdesk::PracticeResultDialog</name>
    <message>
        <source>Contact started (%1)</source>
        <translation>Contact started (%1)</translation>
    </message>
    <message>
        <source>Type chosen: %1</source>
        <translation>Type chosen: %1</translation>
    </message>
    <message>
        <source>Type changed from %1 to %2</source>
        <translation>Type changed from %1 to %2</translation>
    </message>
    <message>
        <source>Answer %1: %2</source>
        <translation>Answer %1: %2</translation>
    </message>
    <message>
        <source>Answer %1 corrected from %2 to %3</source>
        <translation>Answer %1 corrected from %2 to %3</translation>
    </message>
    <message>
        <source>Outside the city: %1 (referral: %2)</source>
        <translation>Outside the city: %1 (referral: %2)</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Location: %1</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <source>Caller details taken: %1</source>
        <translation>Caller details taken: %1</translation>
    </message>
    <message>
        <source>Open requests nearby shown: %1</source>
        <translation>Open requests nearby shown: %1</translation>
    </message>
    <message>
        <source>Duplicate decision: %1 %2</source>
        <translation>Duplicate decision: %1 %2</translation>
    </message>
    <message>
        <source>Article opened: %1</source>
        <translation>Article opened: %1</translation>
    </message>
    <message>
        <source>Request created: %1 (%2)</source>
        <translation>Request created: %1 (%2)</translation>
    </message>
    <message>
        <source>Caller attached to %1</source>
        <translation>Caller attached to %1</translation>
    </message>
    <message>
        <source>Number read back: %1</source>
        <translation>Number read back: %1</translation>
    </message>
    <message>
        <source>Contact ended: %1</source>
        <translation>Contact ended: %1</translation>
    </message>
    <message>
        <source>Contact ended: %1 → %2</source>
        <translation>Contact ended: %1 → %2</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Practice result: %1</source>
        <translation>Practice result: %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PASSED: %1 of 100 (pass mark %2)&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;PASSED: %1 of 100 (pass mark %2)&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;NOT PASSED: %1 of 100 (pass mark %2)&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;NOT PASSED: %1 of 100 (pass mark %2)&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Critical failure:</source>
        <translation>Critical failure:</translation>
    </message>
    <message>
        <source>Expected beside done, criterion by criterion</source>
        <translation>Expected beside done, criterion by criterion</translation>
    </message>
    <message>
        <source>What the trainee did, step by step:</source>
        <translation>What the trainee did, step by step:</translation>
    </message>
    <message>
        <source>The recorded steps of the practice call</source>
        <translation>The recorded steps of the practice call</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <source>&amp;Leave practice</source>
        <translation>&amp;Leave practice</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>civicdesk::Receipt</name>
    <message>
        <source>Your service request receipt</source>
        <translation>Your service request receipt</translation>
    </message>
    <message>
        <source>Your visit to the service counter</source>
        <translation>Your visit to the service counter</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Request number</source>
        <translation>Request number</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Expected by</source>
        <translation>Expected by</translation>
    </message>
    <message>
        <source>no set date</source>
        <translation>no set date</translation>
    </message>
    <message>
        <source>How to check the status</source>
        <translation>How to check the status</translation>
    </message>
    <message>
        <source>Call %1 and give the request number.</source>
        <translation>Call %1 and give the request number.</translation>
    </message>
    <message>
        <source>Online: %1</source>
        <translation>Online: %1</translation>
    </message>
    <message>
        <source>Scan to see the status of %1.</source>
        <translation>Scan to see the status of %1.</translation>
    </message>
    <message>
        <source>Thank you for visiting.</source>
        <translation>Thank you for visiting.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ReceiptPrinter</name>
    <message>
        <source>The printer is not available.</source>
        <translation>The printer is not available.</translation>
    </message>
    <message>
        <source>The receipt cannot be written to %1.</source>
        <translation>The receipt cannot be written to %1.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be made.</source>
        <translation>The folder %1 cannot be made.</translation>
    </message>
</context>
<context>
    <name>civicdesk::RefusedChangesDialog</name>
    <message>
        <source>&amp;Resend corrected</source>
        <translation>&amp;Resend corrected</translation>
    </message>
    <message>
        <source>Changes refused by the central store</source>
        <translation>Changes refused by the central store</translation>
    </message>
    <message>
        <source>%1 · %2 %3 · %4</source>
        <translation>%1 · %2 %3 · %4</translation>
    </message>
    <message>
        <source>No refused changes: everything was accepted.</source>
        <translation>No refused changes: everything was accepted.</translation>
    </message>
    <message>
        <source>Reason: %1%2</source>
        <translation>Reason: %1%2</translation>
    </message>
    <message>
        <source> (field %1)</source>
        <translation> (field %1)</translation>
    </message>
    <message>
        <source>Resent: it will be delivered with the next sync.</source>
        <translation>Resent: it will be delivered with the next sync.</translation>
    </message>
</context>
<context>
    <name>civicdesk::RepeatLocationsPanel</name>
    <message>
        <source>A repeat location is an address at which two or more requests were opened in the period (the same address whatever the letter case; requests without an address are not counted).</source>
        <translation>A repeat location is an address at which two or more requests were opened in the period (the same address whatever the letter case; requests without an address are not counted).</translation>
    </message>
    <message>
        <source>Addresses with repeat requests; Enter lists the requests at one</source>
        <translation>Addresses with repeat requests; Enter lists the requests at one</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>Types</translation>
    </message>
    <message>
        <source>First</source>
        <translation>First</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>Requests at an address with repeat requests</source>
        <translation>Requests at an address with repeat requests</translation>
    </message>
    <message>
        <source>Requests at %1</source>
        <translation>Requests at %1</translation>
    </message>
    <message>
        <source>All addresses with repeat requests (%L1)</source>
        <translation>All addresses with repeat requests (%L1)</translation>
    </message>
    <message>
        <source>%1 %L2</source>
        <translation>%1 %L2</translation>
    </message>
    <message>
        <source>No address has two requests in this period.</source>
        <translation>No address has two requests in this period.</translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) with repeat requests; %1 requests at them.</source>
        <translation>
            <numerusform>%n address with repeat requests; %1 requests at it.</numerusform>
            <numerusform>%n addresses with repeat requests; %1 requests at them.</numerusform>
        </translation>
    </message>
    <message>
        <source>The %1 with the most requests are listed.</source>
        <translation>The %1 with the most requests are listed.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ReplayPanel</name>
    <message>
        <source>Intake steps, with the time each took</source>
        <translation>Intake steps, with the time each took</translation>
    </message>
    <message>
        <source>At</source>
        <translation>At</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Took</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Request made or joined during the contact</source>
        <translation>Request made or joined during the contact</translation>
    </message>
    <message>
        <source>Re&amp;quest:</source>
        <translation>Re&amp;quest:</translation>
    </message>
    <message>
        <source>The request&apos;s timeline</source>
        <translation>The request&apos;s timeline</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Type changed</source>
        <translation>Type changed</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Location changed</source>
        <translation>Location changed</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>Read-back</source>
        <translation>Read-back</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Contact started (%1)</source>
        <translation>Contact started (%1)</translation>
    </message>
    <message>
        <source>Type changed from %1 to %2</source>
        <translation>Type changed from %1 to %2</translation>
    </message>
    <message>
        <source>Type chosen: %1</source>
        <translation>Type chosen: %1</translation>
    </message>
    <message>
        <source>Answer to “%1” cleared (it was %2)</source>
        <translation>Answer to “%1” cleared (it was %2)</translation>
    </message>
    <message>
        <source>Answer to “%1” corrected: %2 → %3</source>
        <translation>Answer to “%1” corrected: %2 → %3</translation>
    </message>
    <message>
        <source>Answer to “%1”: %2</source>
        <translation>Answer to “%1”: %2</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>no address</translation>
    </message>
    <message>
        <source>landmark “%1”</source>
        <translation>landmark “%1”</translation>
    </message>
    <message>
        <source>Location outside the city: %1</source>
        <translation>Location outside the city: %1</translation>
    </message>
    <message>
        <source>Location outside the city: %1; referred to %2</source>
        <translation>Location outside the city: %1; referred to %2</translation>
    </message>
    <message>
        <source>Location changed to %1</source>
        <translation>Location changed to %1</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Location: %1</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <source>Caller&apos;s details taken: %1</source>
        <translation>Caller&apos;s details taken: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n open request(s) nearby shown: %1</source>
        <translation>
            <numerusform>%n open request nearby shown: %1</numerusform>
            <numerusform>%n open requests nearby shown: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Decision: the caller joins %1</source>
        <translation>Decision: the caller joins %1</translation>
    </message>
    <message>
        <source>Decision: a new request anyway</source>
        <translation>Decision: a new request anyway</translation>
    </message>
    <message>
        <source>Decision: a new request anyway (“%1”)</source>
        <translation>Decision: a new request anyway (“%1”)</translation>
    </message>
    <message>
        <source>Decision: back to the form</source>
        <translation>Decision: back to the form</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Decision: %1</translation>
    </message>
    <message>
        <source>Article opened: %1</source>
        <translation>Article opened: %1</translation>
    </message>
    <message>
        <source>Request %1 created (%2)</source>
        <translation>Request %1 created (%2)</translation>
    </message>
    <message>
        <source>Caller attached to request %1</source>
        <translation>Caller attached to request %1</translation>
    </message>
    <message>
        <source>Number %1 read back to the caller</source>
        <translation>Number %1 read back to the caller</translation>
    </message>
    <message>
        <source>Contact ended: %1</source>
        <translation>Contact ended: %1</translation>
    </message>
    <message>
        <source>Contact ended: %1 to %2</source>
        <translation>Contact ended: %1 to %2</translation>
    </message>
    <message numerus="yes">
        <source>%n type change(s)</source>
        <translation>
            <numerusform>%n type change</numerusform>
            <numerusform>%n type changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) corrected</source>
        <translation>
            <numerusform>%n answer corrected</numerusform>
            <numerusform>%n answers corrected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n location change(s)</source>
        <translation>
            <numerusform>%n location change</numerusform>
            <numerusform>%n location changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) opened</source>
        <translation>
            <numerusform>%n article opened</numerusform>
            <numerusform>%n articles opened</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>duplicates shown %n time(s)</source>
        <translation>
            <numerusform>duplicates shown %n time</numerusform>
            <numerusform>duplicates shown %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>number read back</source>
        <translation>number read back</translation>
    </message>
    <message>
        <source>no number read back</source>
        <translation>no number read back</translation>
    </message>
    <message>
        <source>Intake by %1, %2, started %3, took %4: %5</source>
        <translation>Intake by %1, %2, started %3, took %4: %5</translation>
    </message>
    <message>
        <source>Intake by %1, %2, started %3: still running</source>
        <translation>Intake by %1, %2, started %3: still running</translation>
    </message>
    <message>
        <source>%1 (created)</source>
        <translation>%1 (created)</translation>
    </message>
    <message>
        <source>%1 (caller joined)</source>
        <translation>%1 (caller joined)</translation>
    </message>
    <message>
        <source>No request was made or joined during this contact.</source>
        <translation>No request was made or joined during this contact.</translation>
    </message>
    <message>
        <source>Request %1 is not in this store.</source>
        <translation>Request %1 is not in this store.</translation>
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
        <translation>&amp;Description (what the caller sees or needs)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>&amp;Location</translation>
    </message>
    <message>
        <source>Open requests of this type nearby</source>
        <translation>Open requests of this type nearby</translation>
    </message>
    <message>
        <source>Attach the caller to the selected request (Ctrl+D)</source>
        <translation>Attach the caller to the selected request (Ctrl+D)</translation>
    </message>
    <message>
        <source>Submit request (Ctrl+Enter)</source>
        <translation>Submit request (Ctrl+Enter)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · opened %n day(s) ago · %3</source>
        <translation>
            <numerusform>%1 · %2 · opened %n day ago · %3</numerusform>
            <numerusform>%1 · %2 · opened %n days ago · %3</numerusform>
        </translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in progress</translation>
    </message>
    <message>
        <source>EMERGENCY — do not take a request. %1</source>
        <translation>EMERGENCY — do not take a request. %1</translation>
    </message>
    <message>
        <source>Confidential type: do not take the caller&apos;s name, phone or email. Nothing identifying the caller is stored with this request.</source>
        <translation>Confidential type: do not take the caller&apos;s name, phone or email. Nothing identifying the caller is stored with this request.</translation>
    </message>
    <message>
        <source>Open requests of this type nearby: shown once the address is chosen</source>
        <translation>Open requests of this type nearby: shown once the address is chosen</translation>
    </message>
    <message>
        <source>Open requests of this type nearby: none</source>
        <translation>Open requests of this type nearby: none</translation>
    </message>
    <message numerus="yes">
        <source>Open requests of this type nearby (%n) — the caller may be reporting one of these:</source>
        <translation>
            <numerusform>Open request of this type nearby (%n) — the caller may be reporting it:</numerusform>
            <numerusform>Open requests of this type nearby (%n) — the caller may be reporting one of these:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestDetailDialog</name>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>What the caller said, or what was done</source>
        <translation>What the caller said, or what was done</translation>
    </message>
    <message>
        <source>&amp;Public (may be read to callers)</source>
        <translation>&amp;Public (may be read to callers)</translation>
    </message>
    <message>
        <source>&amp;Add note</source>
        <translation>&amp;Add note</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;Change status</source>
        <translation>&amp;Change status</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Closure reason</source>
        <translation>Closure reason</translation>
    </message>
    <message>
        <source>This request is no longer in the store.</source>
        <translation>This request is no longer in the store.</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Request %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Callers: none recorded (anonymous or imported).</source>
        <translation>Callers: none recorded (anonymous or imported).</translation>
    </message>
    <message>
        <source>Callers: %1</source>
        <translation>Callers: %1</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Number:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Closure reason:</source>
        <translation>Closure reason:</translation>
    </message>
    <message>
        <source>SLA:</source>
        <translation>SLA:</translation>
    </message>
    <message>
        <source>%1, due %2</source>
        <translation>%1, due %2</translation>
    </message>
    <message>
        <source>Opened:</source>
        <translation>Opened:</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>Closed:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>District:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>Answers:</source>
        <translation>Answers:</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Your role cannot change the status of this request.</source>
        <translation>Your role cannot change the status of this request.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Note added.</translation>
    </message>
    <message>
        <source>Status changed to %1.</source>
        <translation>Status changed to %1.</translation>
    </message>
    <message>
        <source>D&amp;uplicate of:</source>
        <translation>D&amp;uplicate of:</translation>
    </message>
    <message>
        <source>Number of the request this one repeats</source>
        <translation>Number of the request this one repeats</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Link</translation>
    </message>
    <message>
        <source>Unlin&amp;k</source>
        <translation>Unlin&amp;k</translation>
    </message>
    <message>
        <source>Call&amp;back by:</source>
        <translation>Call&amp;back by:</translation>
    </message>
    <message>
        <source>What to tell or ask the caller</source>
        <translation>What to tell or ask the caller</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>&amp;Schedule</translation>
    </message>
    <message>
        <source>Callbacks waiting</source>
        <translation>Callbacks waiting</translation>
    </message>
    <message>
        <source>Mark d&amp;one</source>
        <translation>Mark d&amp;one</translation>
    </message>
    <message>
        <source>How the callback went</source>
        <translation>How the callback went</translation>
    </message>
    <message>
        <source>Duplicate of:</source>
        <translation>Duplicate of:</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>Duplicates:</translation>
    </message>
    <message>
        <source>Only a supervisor unlinks a duplicate.</source>
        <translation>Only a supervisor unlinks a duplicate.</translation>
    </message>
    <message numerus="yes">
        <source>Also close %n open duplicate(s)</source>
        <translation>
            <numerusform>Also close %n open duplicate</numerusform>
            <numerusform>Also close %n open duplicates</numerusform>
        </translation>
    </message>
    <message>
        <source>Callback to %1 by %2</source>
        <translation>Callback to %1 by %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>Closed, with %n duplicate(s).</source>
        <translation>
            <numerusform>Closed, with %n duplicate.</numerusform>
            <numerusform>Closed, with %n duplicates.</numerusform>
        </translation>
    </message>
    <message>
        <source>Closed; its duplicates were not: %1</source>
        <translation>Closed; its duplicates were not: %1</translation>
    </message>
    <message>
        <source>Linked as a duplicate.</source>
        <translation>Linked as a duplicate.</translation>
    </message>
    <message>
        <source>Unlinked: no longer a duplicate.</source>
        <translation>Unlinked: no longer a duplicate.</translation>
    </message>
    <message>
        <source>Callback scheduled for %1.</source>
        <translation>Callback scheduled for %1.</translation>
    </message>
    <message>
        <source>Callback marked done: %1.</source>
        <translation>Callback marked done: %1.</translation>
    </message>
    <message>
        <source>Status note:</source>
        <translation>Status note:</translation>
    </message>
    <message>
        <source>City&apos;s name:</source>
        <translation>City&apos;s name:</translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestForm</name>
    <message>
        <source>Script: %1</source>
        <translation>Script: %1</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>a number</translation>
    </message>
    <message>
        <source>date and time, e.g. 2026-11-23 14:05</source>
        <translation>date and time, e.g. 2026-11-23 14:05</translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestListModel</name>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>No target</source>
        <translation>No target</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Social media</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Text message</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>Open311</source>
        <translation>Open311</translation>
    </message>
    <message>
        <source>Contact running</source>
        <translation>Contact running</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Information given</translation>
    </message>
    <message>
        <source>Request created</source>
        <translation>Request created</translation>
    </message>
    <message>
        <source>Attached to an existing request</source>
        <translation>Attached to an existing request</translation>
    </message>
    <message>
        <source>Warm transfer</source>
        <translation>Warm transfer</translation>
    </message>
    <message>
        <source>Cold transfer</source>
        <translation>Cold transfer</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Caller hung up</source>
        <translation>Caller hung up</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Duplicate of another request</source>
        <translation>Duplicate of another request</translation>
    </message>
    <message>
        <source>No action needed</source>
        <translation>No action needed</translation>
    </message>
    <message>
        <source>Referred to another agency</source>
        <translation>Referred to another agency</translation>
    </message>
    <message>
        <source>Unable to locate</source>
        <translation>Unable to locate</translation>
    </message>
    <message>
        <source>Not a valid request</source>
        <translation>Not a valid request</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Neighborhood</source>
        <translation>Neighborhood</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>Reached the caller</source>
        <translation>Reached the caller</translation>
    </message>
    <message>
        <source>Left a message</source>
        <translation>Left a message</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>No longer needed</source>
        <translation>No longer needed</translation>
    </message>
    <message>
        <source>Referred elsewhere</source>
        <translation>Referred elsewhere</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>generic status · the city&apos;s own status word</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>The request was closed</source>
        <translation>The request was closed</translation>
    </message>
</context>
<context>
    <name>civicdesk::RequestSubmitter</name>
    <message>
        <source>Caller added to existing request &lt;b&gt;%1&lt;/b&gt;. Read it back to the caller.</source>
        <translation>Caller added to existing request &lt;b&gt;%1&lt;/b&gt;. Read it back to the caller.</translation>
    </message>
    <message>
        <source>Choose a request type first (Ctrl+1).</source>
        <translation>Choose a request type first (Ctrl+1).</translation>
    </message>
    <message>
        <source>This place is outside the city: refer the caller instead of taking a request.</source>
        <translation>This place is outside the city: refer the caller instead of taking a request.</translation>
    </message>
    <message>
        <source>no target date for this type</source>
        <translation>no target date for this type</translation>
    </message>
    <message>
        <source>Request number &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Expected by: &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Request number &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Expected by: &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Saved. The number is on the clipboard; read it back to the caller.</source>
        <translation>Saved. The number is on the clipboard; read it back to the caller.</translation>
    </message>
</context>
<context>
    <name>civicdesk::ReviewDueDialog</name>
    <message>
        <source>&amp;Still right: review in a year</source>
        <translation>&amp;Still right: review in a year</translation>
    </message>
    <message>
        <source>Articles due for review</source>
        <translation>Articles due for review</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>overdue by %n day</numerusform>
            <numerusform>overdue by %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>due today</translation>
    </message>
    <message numerus="yes">
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>due in %n day</numerusform>
            <numerusform>due in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>No article is due for review in the next 30 days.</source>
        <translation>No article is due for review in the next 30 days.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) due within 30 days.</source>
        <translation>
            <numerusform>%n article due within 30 days.</numerusform>
            <numerusform>%n articles due within 30 days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::ReviewPanel</name>
    <message>
        <source>waiting for the agent</source>
        <translation>waiting for the agent</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acknowledged</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>disputed</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>decided</translation>
    </message>
    <message>
        <source>Courtesy and tone</source>
        <translation>Courtesy and tone</translation>
    </message>
    <message>
        <source>Chose the right request type</source>
        <translation>Chose the right request type</translation>
    </message>
    <message>
        <source>Read the request number back</source>
        <translation>Read the request number back</translation>
    </message>
    <message>
        <source>Used the knowledge base where it helped</source>
        <translation>Used the knowledge base where it helped</translation>
    </message>
    <message>
        <source>311 call quality</source>
        <translation>311 call quality</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>Opening</translation>
    </message>
    <message>
        <source>Greeted the caller with the centre&apos;s script</source>
        <translation>Greeted the caller with the centre&apos;s script</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>Took a service request</source>
        <translation>Took a service request</translation>
    </message>
    <message>
        <source>Safety and jurisdiction</source>
        <translation>Safety and jurisdiction</translation>
    </message>
    <message>
        <source>Diverted an emergency to 911</source>
        <translation>Diverted an emergency to 911</translation>
    </message>
    <message>
        <source>Kept personal data off a confidential type</source>
        <translation>Kept personal data off a confidential type</translation>
    </message>
    <message>
        <source>Took no request outside the city</source>
        <translation>Took no request outside the city</translation>
    </message>
    <message>
        <source>Month to sample</source>
        <translation>Month to sample</translation>
    </message>
    <message>
        <source>Short contacts to sample</source>
        <translation>Short contacts to sample</translation>
    </message>
    <message>
        <source>Long contacts to sample</source>
        <translation>Long contacts to sample</translation>
    </message>
    <message>
        <source>A long contact lasts at least (minutes)</source>
        <translation>A long contact lasts at least (minutes)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Reviewers, separated by commas</source>
        <translation>Reviewers, separated by commas</translation>
    </message>
    <message>
        <source>Draw the sample</source>
        <translation>Draw the sample</translation>
    </message>
    <message>
        <source>Publish the standard 311 form</source>
        <translation>Publish the standard 311 form</translation>
    </message>
    <message>
        <source>Sampled contacts; Enter scores one</source>
        <translation>Sampled contacts; Enter scores one</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>Stratum</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <source>Reviewers</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <source>Your score</source>
        <translation>Your score</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>R&amp;eviewers:</source>
        <translation>R&amp;eviewers:</translation>
    </message>
    <message>
        <source>Published %1, version %2.</source>
        <translation>Published %1, version %2.</translation>
    </message>
    <message>
        <source>No ended contacts in this month to sample.</source>
        <translation>No ended contacts in this month to sample.</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts sampled.</source>
        <translation>
            <numerusform>%n contact sampled.</numerusform>
            <numerusform>%n contacts sampled.</numerusform>
        </translation>
    </message>
    <message>
        <source>Form: %1, version %2</source>
        <translation>Form: %1, version %2</translation>
    </message>
    <message>
        <source>No evaluation form is published yet.</source>
        <translation>No evaluation form is published yet.</translation>
    </message>
    <message>
        <source>long</source>
        <translation>long</translation>
    </message>
    <message>
        <source>short</source>
        <translation>short</translation>
    </message>
    <message>
        <source>%1 (critical)</source>
        <translation>%1 (critical)</translation>
    </message>
    <message>
        <source>Reviewer agreement on %1 contacts scored by two reviewers or more: Krippendorff&apos;s alpha %2 on the score (%3 within 5 points).</source>
        <translation>Reviewer agreement on %1 contacts scored by two reviewers or more: Krippendorff&apos;s alpha %2 on the score (%3 within 5 points).</translation>
    </message>
    <message>
        <source>centre sample %1</source>
        <translation>centre sample %1</translation>
    </message>
    <message>
        <source>Evaluation submitted.</source>
        <translation>Evaluation submitted.</translation>
    </message>
    <message>
        <source>Edit the form (new &amp;version)…</source>
        <translation>Edit the form (new &amp;version)…</translation>
    </message>
    <message>
        <source>Edit the evaluation form as a new version</source>
        <translation>Edit the evaluation form as a new version</translation>
    </message>
    <message>
        <source>Evaluations; Enter opens one to decide a dispute or add a coaching note</source>
        <translation>Evaluations; Enter opens one to decide a dispute or add a coaching note</translation>
    </message>
    <message>
        <source>Publish an evaluation form first (Alt+A).</source>
        <translation>Publish an evaluation form first (Alt+A).</translation>
    </message>
    <message>
        <source>Published %1, version %2; evaluations scored before keep their version.</source>
        <translation>Published %1, version %2; evaluations scored before keep their version.</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Per question, alpha (agreement): %1</source>
        <translation>Per question, alpha (agreement): %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 points (off by %3 on average, %4 of answers the same, %n contact(s))</source>
        <translation>
            <numerusform>%1 %2 points (off by %3 on average, %4 of answers the same, %n contact)</numerusform>
            <numerusform>%1 %2 points (off by %3 on average, %4 of answers the same, %n contacts)</numerusform>
        </translation>
    </message>
    <message>
        <source>Against the reference reviewer %1 (named first in Reviewers): %2</source>
        <translation>Against the reference reviewer %1 (named first in Reviewers): %2</translation>
    </message>
    <message>
        <source>How contacts are drawn</source>
        <translation>How contacts are drawn</translation>
    </message>
    <message>
        <source>Centre: short and long contacts</source>
        <translation>Centre: short and long contacts</translation>
    </message>
    <message>
        <source>Per agent</source>
        <translation>Per agent</translation>
    </message>
    <message>
        <source>Contacts to sample per agent</source>
        <translation>Contacts to sample per agent</translation>
    </message>
    <message>
        <source>Sample &amp;kind:</source>
        <translation>Sample &amp;kind:</translation>
    </message>
    <message>
        <source>Per agent:</source>
        <translation>Per agent:</translation>
    </message>
    <message>
        <source>per agent</source>
        <translation>per agent</translation>
    </message>
    <message>
        <source>Scoring is independent: another reviewer&apos;s evaluation of a contact is shown here only after you have submitted your own.</source>
        <translation>Scoring is independent: another reviewer&apos;s evaluation of a contact is shown here only after you have submitted your own.</translation>
    </message>
    <message>
        <source>&amp;Draw the sample</source>
        <translation>&amp;Draw the sample</translation>
    </message>
    <message>
        <source>&amp;Publish the standard form</source>
        <translation>&amp;Publish the standard form</translation>
    </message>
    <message>
        <source>Mo&amp;nth:</source>
        <translation>Mo&amp;nth:</translation>
    </message>
    <message>
        <source>Shor&amp;t:</source>
        <translation>Shor&amp;t:</translation>
    </message>
    <message>
        <source>Lon&amp;g:</source>
        <translation>Lon&amp;g:</translation>
    </message>
    <message>
        <source>Long &amp;from:</source>
        <translation>Long &amp;from:</translation>
    </message>
</context>
<context>
    <name>civicdesk::ScenarioEditorDialog</name>
    <message>
        <source>Practice scenario</source>
        <translation>Practice scenario</translation>
    </message>
    <message>
        <source>Start fro&amp;m:</source>
        <translation>Start fro&amp;m:</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Start from</translation>
    </message>
    <message>
        <source>Scenario parts</source>
        <translation>Scenario parts</translation>
    </message>
    <message>
        <source>The call</source>
        <translation>The call</translation>
    </message>
    <message>
        <source>&amp;Id (file name):</source>
        <translation>&amp;Id (file name):</translation>
    </message>
    <message>
        <source>Scenario id</source>
        <translation>Scenario id</translation>
    </message>
    <message>
        <source>lowercase letters, digits, - and _</source>
        <translation>lowercase letters, digits, - and _</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Call &amp;language:</source>
        <translation>Call &amp;language:</translation>
    </message>
    <message>
        <source>Call language</source>
        <translation>Call language</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Anon&amp;ymous caller (gives no name)</source>
        <translation>Anon&amp;ymous caller (gives no name)</translation>
    </message>
    <message>
        <source>Anonymous caller</source>
        <translation>Anonymous caller</translation>
    </message>
    <message>
        <source>Caller&apos;s &amp;name:</source>
        <translation>Caller&apos;s &amp;name:</translation>
    </message>
    <message>
        <source>Caller&apos;s name</source>
        <translation>Caller&apos;s name</translation>
    </message>
    <message>
        <source>Caller&apos;s &amp;phone:</source>
        <translation>Caller&apos;s &amp;phone:</translation>
    </message>
    <message>
        <source>Caller&apos;s phone</source>
        <translation>Caller&apos;s phone</translation>
    </message>
    <message>
        <source>the number the practice phone rings with</source>
        <translation>the number the practice phone rings with</translation>
    </message>
    <message>
        <source>Caller&apos;s lan&amp;guage:</source>
        <translation>Caller&apos;s lan&amp;guage:</translation>
    </message>
    <message>
        <source>Caller&apos;s language</source>
        <translation>Caller&apos;s language</translation>
    </message>
    <message>
        <source>&amp;Opening line:</source>
        <translation>&amp;Opening line:</translation>
    </message>
    <message>
        <source>Opening line</source>
        <translation>Opening line</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Facts</translation>
    </message>
    <message>
        <source>&amp;Where is it (F5):</source>
        <translation>&amp;Where is it (F5):</translation>
    </message>
    <message>
        <source>Where is it</source>
        <translation>Where is it</translation>
    </message>
    <message>
        <source>What &amp;happened (F6):</source>
        <translation>What &amp;happened (F6):</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Who is callin&amp;g (F7):</source>
        <translation>Who is callin&amp;g (F7):</translation>
    </message>
    <message>
        <source>Who is calling</source>
        <translation>Who is calling</translation>
    </message>
    <message>
        <source>Request &amp;number of (F9):</source>
        <translation>Request &amp;number of (F9):</translation>
    </message>
    <message>
        <source>Request number of</source>
        <translation>Request number of</translation>
    </message>
    <message>
        <source>the ref of an open request (status calls)</source>
        <translation>the ref of an open request (status calls)</translation>
    </message>
    <message>
        <source>The caller m&amp;isreads the number first</source>
        <translation>The caller m&amp;isreads the number first</translation>
    </message>
    <message>
        <source>The caller misreads the number first</source>
        <translation>The caller misreads the number first</translation>
    </message>
    <message>
        <source>&amp;Answers to the type&apos;s questions (F8, in this order; values are list keys, separated by commas):</source>
        <translation>&amp;Answers to the type&apos;s questions (F8, in this order; values are list keys, separated by commas):</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Answers</translation>
    </message>
    <message>
        <source>Add the type&apos;s &amp;questions</source>
        <translation>Add the type&apos;s &amp;questions</translation>
    </message>
    <message>
        <source>Add the type&apos;s questions</source>
        <translation>Add the type&apos;s questions</translation>
    </message>
    <message>
        <source>Add an answ&amp;er</source>
        <translation>Add an answ&amp;er</translation>
    </message>
    <message>
        <source>Add an answer</source>
        <translation>Add an answer</translation>
    </message>
    <message>
        <source>&amp;Remove the answer</source>
        <translation>&amp;Remove the answer</translation>
    </message>
    <message>
        <source>Remove the answer</source>
        <translation>Remove the answer</translation>
    </message>
    <message>
        <source>Expected outcome</source>
        <translation>Expected outcome</translation>
    </message>
    <message>
        <source>Request &amp;type:</source>
        <translation>Request &amp;type:</translation>
    </message>
    <message>
        <source>Request type</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Location:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>the address or intersection, e.g. 40 Centre St</source>
        <translation>the address or intersection, e.g. 40 Centre St</translation>
    </message>
    <message>
        <source>The place is &amp;outside the city</source>
        <translation>The place is &amp;outside the city</translation>
    </message>
    <message>
        <source>The place is outside the city</source>
        <translation>The place is outside the city</translation>
    </message>
    <message>
        <source>Re&amp;ferral:</source>
        <translation>Re&amp;ferral:</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>&amp;Duplicate decision:</source>
        <translation>&amp;Duplicate decision:</translation>
    </message>
    <message>
        <source>Duplicate decision</source>
        <translation>Duplicate decision</translation>
    </message>
    <message>
        <source>&amp;Articles to open:</source>
        <translation>&amp;Articles to open:</translation>
    </message>
    <message>
        <source>Articles to open</source>
        <translation>Articles to open</translation>
    </message>
    <message>
        <source>article ids, separated by commas</source>
        <translation>article ids, separated by commas</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>O&amp;utcome:</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Transfer ta&amp;rget:</source>
        <translation>Transfer ta&amp;rget:</translation>
    </message>
    <message>
        <source>Transfer target</source>
        <translation>Transfer target</translation>
    </message>
    <message>
        <source>Number read &amp;back:</source>
        <translation>Number read &amp;back:</translation>
    </message>
    <message>
        <source>Number read back</source>
        <translation>Number read back</translation>
    </message>
    <message>
        <source>created, or the ref of an open request</source>
        <translation>created, or the ref of an open request</translation>
    </message>
    <message>
        <source>Target t&amp;ime (seconds):</source>
        <translation>Target t&amp;ime (seconds):</translation>
    </message>
    <message>
        <source>Target time in seconds</source>
        <translation>Target time in seconds</translation>
    </message>
    <message>
        <source>Pass mar&amp;k:</source>
        <translation>Pass mar&amp;k:</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <source>&amp;Open requests that exist before the call (a duplicate to find, a request to ask about):</source>
        <translation>&amp;Open requests that exist before the call (a duplicate to find, a request to ask about):</translation>
    </message>
    <message>
        <source>Open requests before the call</source>
        <translation>Open requests before the call</translation>
    </message>
    <message>
        <source>Add an open re&amp;quest</source>
        <translation>Add an open re&amp;quest</translation>
    </message>
    <message>
        <source>Add an open request</source>
        <translation>Add an open request</translation>
    </message>
    <message>
        <source>Remo&amp;ve the open request</source>
        <translation>Remo&amp;ve the open request</translation>
    </message>
    <message>
        <source>Remove the open request</source>
        <translation>Remove the open request</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Save the scenario</source>
        <translation>Save the scenario</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Close without saving</translation>
    </message>
    <message>
        <source>Saved in the trainers&apos; folder %1 (the bundled scenarios stay as the city pack ships them). Ctrl+S saves; Ctrl+Tab shows the next part.</source>
        <translation>Saved in the trainers&apos; folder %1 (the bundled scenarios stay as the city pack ships them). Ctrl+S saves; Ctrl+Tab shows the next part.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanish</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(no request: an information question or a status call)</source>
        <translation>(no request: an information question or a status call)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Not scored</source>
        <translation>Not scored</translation>
    </message>
    <message>
        <source>Attach the caller to the open request</source>
        <translation>Attach the caller to the open request</translation>
    </message>
    <message>
        <source>Take a new request anyway</source>
        <translation>Take a new request anyway</translation>
    </message>
    <message>
        <source>A new scenario</source>
        <translation>A new scenario</translation>
    </message>
    <message>
        <source>Edit: %1 (%2)</source>
        <translation>Edit: %1 (%2)</translation>
    </message>
    <message>
        <source>Copy of: %1 (%2)</source>
        <translation>Copy of: %1 (%2)</translation>
    </message>
    <message>
        <source>Question code</source>
        <translation>Question code</translation>
    </message>
    <message>
        <source>Values (list keys or text)</source>
        <translation>Values (list keys or text)</translation>
    </message>
    <message>
        <source>The caller says</source>
        <translation>The caller says</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>Scored</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Ref</translation>
    </message>
    <message>
        <source>Type code</source>
        <translation>Type code</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Days ago</source>
        <translation>Days ago</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copy)</translation>
    </message>
    <message>
        <source>scored</source>
        <translation>scored</translation>
    </message>
    <message>
        <source>choose the request type first: its questions are added</source>
        <translation>choose the request type first: its questions are added</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>Free text</translation>
    </message>
    <message>
        <source>One of: %1</source>
        <translation>One of: %1</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>is not a number</translation>
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
            <numerusform>&lt;b&gt;Not saved (%n problem):&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;Not saved (%n problems):&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete this scenario (Ctrl+Shift+D)</source>
        <translation>Delete this scenario (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>Delete this scenario</source>
        <translation>Delete this scenario</translation>
    </message>
    <message>
        <source>Only a trainer&apos;s own scenario can be deleted; the bundled ones come with the city pack.</source>
        <translation>Only a trainer&apos;s own scenario can be deleted; the bundled ones come with the city pack.</translation>
    </message>
    <message>
        <source>Delete the practice scenario &quot;%1&quot;? Its file is removed from the trainers&apos; folder; runs already scored stay in the training record.</source>
        <translation>Delete the practice scenario &quot;%1&quot;? Its file is removed from the trainers&apos; folder; runs already scored stay in the training record.</translation>
    </message>
    <message>
        <source>Delete a practice scenario</source>
        <translation>Delete a practice scenario</translation>
    </message>
    <message>
        <source>The %1 role may not write practice scenarios: trainers and admins do.</source>
        <translation>The %1 role may not write practice scenarios: trainers and admins do.</translation>
    </message>
    <message>
        <source>The central store did not save it: %1</source>
        <translation>The central store did not save it: %1</translation>
    </message>
    <message>
        <source>The central store did not delete it: %1</source>
        <translation>The central store did not delete it: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::ScenarioPickerDialog</name>
    <message>
        <source>Practice: choose a call</source>
        <translation>Practice: choose a call</translation>
    </message>
    <message>
        <source>&amp;Scenario (the caller is played for you; nothing reaches a resident):</source>
        <translation>&amp;Scenario (the caller is played for you; nothing reaches a resident):</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>%1 · %2 · target %3 s</source>
        <translation>%1 · %2 · target %3 s</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scenarios left out (%1 problems):&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;Scenarios left out (%1 problems):&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>&amp;Start the call</source>
        <translation>&amp;Start the call</translation>
    </message>
    <message>
        <source>%1 · written by a trainer</source>
        <translation>%1 · written by a trainer</translation>
    </message>
</context>
<context>
    <name>civicdesk::ServiceTypeModel</name>
    <message>
        <source>No target set</source>
        <translation>No target set</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n business day(s)</source>
        <translation>
            <numerusform>%n business day</numerusform>
            <numerusform>%n business days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>civicdesk::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
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
        <translation>(none)</translation>
    </message>
    <message>
        <source>Overdue, due soon or both</source>
        <translation>Overdue, due soon or both</translation>
    </message>
    <message>
        <source>Overdue and due soon</source>
        <translation>Overdue and due soon</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>Due soon only</source>
        <translation>Due soon only</translation>
    </message>
    <message>
        <source>Requests overdue or about to be; Enter opens a request and its timeline</source>
        <translation>Requests overdue or about to be; Enter opens a request and its timeline</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Overdue by / left</source>
        <translation>Overdue by / left</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation>overdue by %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>%1: %2 overdue, %3 due soon</source>
        <translation>%1: %2 overdue, %3 due soon</translation>
    </message>
    <message>
        <source>No request is overdue or due soon.</source>
        <translation>No request is overdue or due soon.</translation>
    </message>
    <message>
        <source>Listed: the %1 opened first of each kind (overdue, due soon).</source>
        <translation>Listed: the %1 opened first of each kind (overdue, due soon).</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Show:</translation>
    </message>
</context>
<context>
    <name>civicdesk::StatusReadbackBox</name>
    <message>
        <source>Request number the caller reads out, then Enter</source>
        <translation>Request number the caller reads out, then Enter</translation>
    </message>
    <message>
        <source>Request %1, %2, was opened on %3.</source>
        <translation>Request %1, %2, was opened on %3.</translation>
    </message>
    <message>
        <source>Request %1, %2 at %3, was opened on %4.</source>
        <translation>Request %1, %2 at %3, was opened on %4.</translation>
    </message>
    <message>
        <source>It is open and waiting for the department.</source>
        <translation>It is open and waiting for the department.</translation>
    </message>
    <message>
        <source>The department is working on it.</source>
        <translation>The department is working on it.</translation>
    </message>
    <message>
        <source>It was closed on %1.</source>
        <translation>It was closed on %1.</translation>
    </message>
    <message>
        <source>It is closed.</source>
        <translation>It is closed.</translation>
    </message>
    <message>
        <source>Reason: %1.</source>
        <translation>Reason: %1.</translation>
    </message>
    <message>
        <source>This type of request has no target date.</source>
        <translation>This type of request has no target date.</translation>
    </message>
    <message>
        <source>It was expected by %1 and is overdue; I will flag it to the department.</source>
        <translation>It was expected by %1 and is overdue; I will flag it to the department.</translation>
    </message>
    <message>
        <source>It is expected to be resolved by %1.</source>
        <translation>It is expected to be resolved by %1.</translation>
    </message>
    <message>
        <source>Latest update, %1: %2</source>
        <translation>Latest update, %1: %2</translation>
    </message>
    <message>
        <source>There is no public update yet.</source>
        <translation>There is no public update yet.</translation>
    </message>
    <message>
        <source>Status of request number</source>
        <translation>Status of request number</translation>
    </message>
    <message>
        <source>The street address or the date the caller gives</source>
        <translation>The street address or the date the caller gives</translation>
    </message>
    <message>
        <source>City case number %1 has no check character: one wrong digit finds someone else&apos;s request. Ask the caller for the street address or the date they reported it, type it under &quot;Confirm with&quot; and press Enter.</source>
        <translation>City case number %1 has no check character: one wrong digit finds someone else&apos;s request. Ask the caller for the street address or the date they reported it, type it under &quot;Confirm with&quot; and press Enter.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not match case %2: do not read it. Ask the caller to read the number again, or for the address or date once more.</source>
        <translation>&quot;%1&quot; does not match case %2: do not read it. Ask the caller to read the number again, or for the address or date once more.</translation>
    </message>
    <message>
        <source>The city&apos;s record says “%1”.</source>
        <translation>The city&apos;s record says “%1”.</translation>
    </message>
    <message>
        <source>The city&apos;s record says “%1”: %2</source>
        <translation>The city&apos;s record says “%1”: %2</translation>
    </message>
    <message>
        <source>Status of:</source>
        <translation>Status of:</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Confirm with:</source>
        <translation>Confirm with:</translation>
    </message>
</context>
<context>
    <name>civicdesk::SupervisorWorkspace</name>
    <message>
        <source>Supervisor workspace</source>
        <translation>Supervisor workspace</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>All agents</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>Due within (hours)</source>
        <translation>Due within (hours)</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>A&amp;gent:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Channel:</translation>
    </message>
    <message>
        <source>&amp;Due within:</source>
        <translation>&amp;Due within:</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Average handle time</source>
        <translation>Average handle time</translation>
    </message>
    <message>
        <source>Transfer rate</source>
        <translation>Transfer rate</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>First-contact resolution</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA met</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>Help flags</source>
        <translation>Help flags</translation>
    </message>
    <message>
        <source>Figures; Enter lists what is behind one</source>
        <translation>Figures; Enter lists what is behind one</translation>
    </message>
    <message>
        <source>Open requests by type and department; Enter lists the requests in a cell</source>
        <translation>Open requests by type and department; Enter lists the requests in a cell</translation>
    </message>
    <message>
        <source>Agents asking for a supervisor</source>
        <translation>Agents asking for a supervisor</translation>
    </message>
    <message>
        <source>Answer the selected help flag</source>
        <translation>Answer the selected help flag</translation>
    </message>
    <message>
        <source>Supervisor views</source>
        <translation>Supervisor views</translation>
    </message>
    <message>
        <source>F&amp;igures</source>
        <translation>F&amp;igures</translation>
    </message>
    <message>
        <source>SLA &amp;backlog</source>
        <translation>SLA &amp;backlog</translation>
    </message>
    <message>
        <source>&amp;Help flags</source>
        <translation>&amp;Help flags</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>0–2 days</source>
        <translation>0–2 days</translation>
    </message>
    <message>
        <source>3–7 days</source>
        <translation>3–7 days</translation>
    </message>
    <message>
        <source>8–30 days</source>
        <translation>8–30 days</translation>
    </message>
    <message>
        <source>Over 30 days</source>
        <translation>Over 30 days</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <source>&amp;Help flags (%1)</source>
        <translation>&amp;Help flags (%1)</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>&amp;Quality review</source>
        <translation>&amp;Quality review</translation>
    </message>
    <message>
        <source>L&amp;obby</source>
        <translation>L&amp;obby</translation>
    </message>
    <message>
        <source>Cl&amp;usters</source>
        <translation>Cl&amp;usters</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Department of the requests</source>
        <translation>Department of the requests</translation>
    </message>
    <message>
        <source>Type of the requests</source>
        <translation>Type of the requests</translation>
    </message>
    <message>
        <source>Lobby counter</source>
        <translation>Lobby counter</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Count again (F5)</source>
        <translation>Count again (F5)</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>T&amp;eam:</translation>
    </message>
    <message>
        <source>Departme&amp;nt:</source>
        <translation>Departme&amp;nt:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <source>A&amp;nswer: I am on my way</source>
        <translation>A&amp;nswer: I am on my way</translation>
    </message>
    <message>
        <source>Phone &amp;system</source>
        <translation>Phone &amp;system</translation>
    </message>
    <message>
        <source>Tea&amp;ms</source>
        <translation>Tea&amp;ms</translation>
    </message>
    <message>
        <source>&amp;Repeat locations</source>
        <translation>&amp;Repeat locations</translation>
    </message>
    <message>
        <source>Ans&amp;wers</source>
        <translation>Ans&amp;wers</translation>
    </message>
    <message>
        <source>&amp;Audit trail</source>
        <translation>&amp;Audit trail</translation>
    </message>
    <message>
        <source>SLA a&amp;lerts</source>
        <translation>SLA a&amp;lerts</translation>
    </message>
</context>
<context>
    <name>civicdesk::SwitchAgentDialog</name>
    <message>
        <source>&amp;Switch</source>
        <translation>&amp;Switch</translation>
    </message>
    <message>
        <source>Switch agent</source>
        <translation>Switch agent</translation>
    </message>
    <message>
        <source>Signed in now: %1 (%2). The next agent signs in here; the window and the lobby queue stay open.</source>
        <translation>Signed in now: %1 (%2). The next agent signs in here; the window and the lobby queue stay open.</translation>
    </message>
    <message>
        <source>Next agent&apos;s user name</source>
        <translation>Next agent&apos;s user name</translation>
    </message>
    <message>
        <source>Next agent&apos;s password</source>
        <translation>Next agent&apos;s password</translation>
    </message>
    <message>
        <source>Switch to the next agent</source>
        <translation>Switch to the next agent</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel the switch</source>
        <translation>Cancel the switch</translation>
    </message>
    <message>
        <source>&amp;Next agent:</source>
        <translation>&amp;Next agent:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Enter the next agent&apos;s user name and password.</source>
        <translation>Enter the next agent&apos;s user name and password.</translation>
    </message>
    <message>
        <source>Enter the next agent&apos;s name.</source>
        <translation>Enter the next agent&apos;s name.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>civicdesk::SyncClient</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>The server cannot be reached: %1</translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation>%1 of %2 bytes</translation>
    </message>
</context>
<context>
    <name>civicdesk::SyncController</name>
    <message>
        <source>Your session with the central store has ended. Enter your password again; the work not yet synced is kept on this workstation.</source>
        <translation>Your session with the central store has ended. Enter your password again; the work not yet synced is kept on this workstation.</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Sign in…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>&amp;Refused changes…</source>
        <translation>&amp;Refused changes…</translation>
    </message>
    <message>
        <source>Central store &amp;settings…</source>
        <translation>Central store &amp;settings…</translation>
    </message>
    <message>
        <source>This window works for %1. To sign in as %2, restart CivicDesk.</source>
        <translation>This window works for %1. To sign in as %2, restart CivicDesk.</translation>
    </message>
    <message>
        <source>Central store</source>
        <translation>Central store</translation>
    </message>
    <message>
        <source>CivicDesk will run standalone from the next start.</source>
        <translation>CivicDesk will run standalone from the next start.</translation>
    </message>
    <message>
        <source>CivicDesk will sync with %1 from the next start.</source>
        <translation>CivicDesk will sync with %1 from the next start.</translation>
    </message>
    <message>
        <source>Standalone: working on this workstation&apos;s store (no server configured)</source>
        <translation>Standalone: working on this workstation&apos;s store (no server configured)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>1 change waiting</source>
        <translation>1 change waiting</translation>
    </message>
    <message>
        <source>%1 changes waiting</source>
        <translation>%1 changes waiting</translation>
    </message>
    <message>
        <source>Signed out: working on this workstation · %1</source>
        <translation>Signed out: working on this workstation · %1</translation>
    </message>
    <message>
        <source>Connecting… · %1 · last sync %2</source>
        <translation>Connecting… · %1 · last sync %2</translation>
    </message>
    <message>
        <source>Online · %1 · last sync %2</source>
        <translation>Online · %1 · last sync %2</translation>
    </message>
    <message>
        <source>Offline: working on this workstation · %1 · last sync %2</source>
        <translation>Offline: working on this workstation · %1 · last sync %2</translation>
    </message>
    <message>
        <source>Signed out: sign in to sync · %1 kept on this workstation</source>
        <translation>Signed out: sign in to sync · %1 kept on this workstation</translation>
    </message>
    <message>
        <source>1 change refused (Sync ▸ Refused changes)</source>
        <translation>1 change refused (Sync ▸ Refused changes)</translation>
    </message>
    <message>
        <source>%1 changes refused (Sync ▸ Refused changes)</source>
        <translation>%1 changes refused (Sync ▸ Refused changes)</translation>
    </message>
    <message>
        <source>&amp;Find requests in the central store…</source>
        <translation>&amp;Find requests in the central store…</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>Last problem: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::SyncSettingsDialog</name>
    <message>
        <source>Central store</source>
        <translation>Central store</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Server address:</translation>
    </message>
    <message>
        <source>Leave empty to run standalone on this workstation&apos;s store. The change takes effect at the next start.</source>
        <translation>Leave empty to run standalone on this workstation&apos;s store. The change takes effect at the next start.</translation>
    </message>
    <message>
        <source>Enter an http or https address, e.g. https://311.example.org.</source>
        <translation>Enter an http or https address, e.g. https://311.example.org.</translation>
    </message>
</context>
<context>
    <name>civicdesk::TeamsPanel</name>
    <message>
        <source>Agents and their teams; Enter edits the selected agent&apos;s</source>
        <translation>Agents and their teams; Enter edits the selected agent&apos;s</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Agent to put into a team</source>
        <translation>Agent to put into a team</translation>
    </message>
    <message>
        <source>Team (empty: no team)</source>
        <translation>Team (empty: no team)</translation>
    </message>
    <message>
        <source>no team</source>
        <translation>no team</translation>
    </message>
    <message>
        <source>Put the agent into the team</source>
        <translation>Put the agent into the team</translation>
    </message>
    <message>
        <source>%1 is in no team now.</source>
        <translation>%1 is in no team now.</translation>
    </message>
    <message>
        <source>%1 is in the team %2 now.</source>
        <translation>%1 is in the team %2 now.</translation>
    </message>
    <message>
        <source>Set &amp;team</source>
        <translation>Set &amp;team</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>A&amp;gent:</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>T&amp;eam:</translation>
    </message>
</context>
<context>
    <name>civicdesk::TelephonySettingsDialog</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Phone settings</source>
        <translation>Phone settings</translation>
    </message>
    <message>
        <source>No phone: type the caller&apos;s number by hand</source>
        <translation>No phone: type the caller&apos;s number by hand</translation>
    </message>
    <message>
        <source>baresip softphone (its ctrl_tcp module)</source>
        <translation>baresip softphone (its ctrl_tcp module)</translation>
    </message>
    <message>
        <source>Call-event bridge on a port of this computer</source>
        <translation>Call-event bridge on a port of this computer</translation>
    </message>
    <message>
        <source>Call-event bridge on a local socket file</source>
        <translation>Call-event bridge on a local socket file</translation>
    </message>
    <message>
        <source>Test the connection to the phone</source>
        <translation>Test the connection to the phone</translation>
    </message>
    <message>
        <source>Phone &amp;link:</source>
        <translation>Phone &amp;link:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>Socket &amp;file:</source>
        <translation>Socket &amp;file:</translation>
    </message>
    <message>
        <source>&amp;Area code:</source>
        <translation>&amp;Area code:</translation>
    </message>
    <message>
        <source>The area code completes a caller&apos;s 7-digit number. The desk connects with the new settings as soon as you press OK.</source>
        <translation>The area code completes a caller&apos;s 7-digit number. The desk connects with the new settings as soon as you press OK.</translation>
    </message>
    <message>
        <source>Save the phone settings</source>
        <translation>Save the phone settings</translation>
    </message>
    <message>
        <source>Cancel, keep the settings</source>
        <translation>Cancel, keep the settings</translation>
    </message>
    <message>
        <source>The saved setting could not be read: %1</source>
        <translation>The saved setting could not be read: %1</translation>
    </message>
    <message>
        <source>No phone is chosen: there is nothing to test.</source>
        <translation>No phone is chosen: there is nothing to test.</translation>
    </message>
    <message>
        <source>Enter the host the phone listens on: 127.0.0.1 when it runs on this computer, or its name or address.</source>
        <translation>Enter the host the phone listens on: 127.0.0.1 when it runs on this computer, or its name or address.</translation>
    </message>
    <message>
        <source>Enter the port from 1 to 65535 that baresip&apos;s ctrl_tcp listens on (ctrl_tcp_listen in its config; 4444 unless changed).</source>
        <translation>Enter the port from 1 to 65535 that baresip&apos;s ctrl_tcp listens on (ctrl_tcp_listen in its config; 4444 unless changed).</translation>
    </message>
    <message>
        <source>Enter the port from 1 to 65535 that the bridge listens on (the example bridge uses 5070).</source>
        <translation>Enter the port from 1 to 65535 that the bridge listens on (the example bridge uses 5070).</translation>
    </message>
    <message>
        <source>Enter the full path of the bridge&apos;s socket file, starting with / (for example /run/user/1000/civicdesk-cti.sock).</source>
        <translation>Enter the full path of the bridge&apos;s socket file, starting with / (for example /run/user/1000/civicdesk-cti.sock).</translation>
    </message>
    <message>
        <source>The desk is connected to %1 now: calls pop up.</source>
        <translation>The desk is connected to %1 now: calls pop up.</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation>Testing the connection to %1…</translation>
    </message>
</context>
<context>
    <name>civicdesk::TicketSlip</name>
    <message>
        <source>Your ticket number</source>
        <translation>Your ticket number</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>Taken at %1</source>
        <translation>Taken at %1</translation>
    </message>
    <message>
        <source>People ahead of you: %1</source>
        <translation>People ahead of you: %1</translation>
    </message>
    <message>
        <source>Expected wait: about %1 minutes</source>
        <translation>Expected wait: about %1 minutes</translation>
    </message>
    <message>
        <source>Please wait until your number appears on the screen with the counter to go to.</source>
        <translation>Please wait until your number appears on the screen with the counter to go to.</translation>
    </message>
    <message>
        <source>You will be called shortly</source>
        <translation>You will be called shortly</translation>
    </message>
</context>
<context>
    <name>civicdesk::TimelineModel</name>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Opened (imported from the city&apos;s records)</source>
        <translation>Opened (imported from the city&apos;s records)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Created, reported by %1</source>
        <translation>Created, reported by %1</translation>
    </message>
    <message>
        <source>%1 changed: %2 → %3</source>
        <translation>%1 changed: %2 → %3</translation>
    </message>
    <message>
        <source>Reopened: %1</source>
        <translation>Reopened: %1</translation>
    </message>
    <message>
        <source>Status: %1 → %2 (%3)</source>
        <translation>Status: %1 → %2 (%3)</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Status: %1 → %2</translation>
    </message>
    <message>
        <source>Public note: %1</source>
        <translation>Public note: %1</translation>
    </message>
    <message>
        <source>Internal note: %1</source>
        <translation>Internal note: %1</translation>
    </message>
    <message>
        <source>Caller attached (reported the same problem): %1</source>
        <translation>Caller attached (reported the same problem): %1</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anonymous</translation>
    </message>
    <message>
        <source>Target date: %1</source>
        <translation>Target date: %1</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>Closed: %1</translation>
    </message>
    <message>
        <source>City records</source>
        <translation>City records</translation>
    </message>
    <message>
        <source>%1 (workstation %2)</source>
        <translation>%1 (workstation %2)</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Duplicate linked: %1 reports the same problem</source>
        <translation>Duplicate linked: %1 reports the same problem</translation>
    </message>
    <message>
        <source>Linked as a duplicate of %1</source>
        <translation>Linked as a duplicate of %1</translation>
    </message>
    <message>
        <source>Duplicate unlinked: %1</source>
        <translation>Duplicate unlinked: %1</translation>
    </message>
    <message>
        <source>Unlinked: no longer a duplicate of %1</source>
        <translation>Unlinked: no longer a duplicate of %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Callback to %1 by %2</source>
        <translation>Callback to %1 by %2</translation>
    </message>
    <message>
        <source>Callback to %1 by %2: %3</source>
        <translation>Callback to %1 by %2: %3</translation>
    </message>
    <message>
        <source>Callback done: %1</source>
        <translation>Callback done: %1</translation>
    </message>
    <message>
        <source>Callback done: %1 (%2)</source>
        <translation>Callback done: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>civicdesk::TraineeReportDialog</name>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Critical failures</source>
        <translation>Critical failures</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Tries</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Best</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Met, all calls</source>
        <translation>Met, all calls</translation>
    </message>
    <message>
        <source>Met, last %1</source>
        <translation>Met, last %1</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Export &amp;CSV…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Save &amp;PDF…</translation>
    </message>
    <message>
        <source>Trainee report</source>
        <translation>Trainee report</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>Practice calls</source>
        <translation>Practice calls</translation>
    </message>
    <message>
        <source>Progress by scenario</source>
        <translation>Progress by scenario</translation>
    </message>
    <message>
        <source>Progress by criterion</source>
        <translation>Progress by criterion</translation>
    </message>
    <message>
        <source>Report parts</source>
        <translation>Report parts</translation>
    </message>
    <message>
        <source>&amp;Scenarios</source>
        <translation>&amp;Scenarios</translation>
    </message>
    <message>
        <source>C&amp;riteria</source>
        <translation>C&amp;riteria</translation>
    </message>
    <message>
        <source>&amp;Every call</source>
        <translation>&amp;Every call</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <source>Scenarios passed</source>
        <translation>Scenarios passed</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Average score</translation>
    </message>
    <message>
        <source>Last call</source>
        <translation>Last call</translation>
    </message>
    <message>
        <source>The whole class</source>
        <translation>The whole class</translation>
    </message>
    <message>
        <source>Cl&amp;ass</source>
        <translation>Cl&amp;ass</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Export the calls as CSV</source>
        <translation>Export the calls as CSV</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Close the report</source>
        <translation>Close the report</translation>
    </message>
    <message>
        <source>&amp;Trainee:</source>
        <translation>&amp;Trainee:</translation>
    </message>
    <message>
        <source>Practice calls: %1 · scenarios passed: %2 of %3 · average score: %4 · not passed yet: %5</source>
        <translation>Practice calls: %1 · scenarios passed: %2 of %3 · average score: %4 · not passed yet: %5</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>not yet</translation>
    </message>
    <message>
        <source>%1 (pass %2)</source>
        <translation>%1 (pass %2)</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>not passed</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>The CSV cannot be written to %1: %2</source>
        <translation>The CSV cannot be written to %1: %2</translation>
    </message>
    <message>
        <source>The CSV could not be written to %1: %2</source>
        <translation>The CSV could not be written to %1: %2</translation>
    </message>
    <message>
        <source>Export practice calls</source>
        <translation>Export practice calls</translation>
    </message>
    <message>
        <source>practice-%1.csv</source>
        <translation>practice-%1.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Save practice report</source>
        <translation>Save practice report</translation>
    </message>
    <message>
        <source>practice-report-%1.pdf</source>
        <translation>practice-report-%1.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Saved to %1.</translation>
    </message>
    <message>
        <source>not yet (critical failure)</source>
        <translation>not yet (critical failure)</translation>
    </message>
</context>
<context>
    <name>civicdesk::TypePicker</name>
    <message>
        <source>Request &amp;type:</source>
        <translation>Request &amp;type:</translation>
    </message>
    <message>
        <source>Search request types</source>
        <translation>Search request types</translation>
    </message>
    <message>
        <source>Type a name or keyword, e.g. pothole, trash, rodent</source>
        <translation>Type a name or keyword, e.g. pothole, trash, rodent</translation>
    </message>
    <message>
        <source>Request types</source>
        <translation>Request types</translation>
    </message>
    <message>
        <source>Request type details</source>
        <translation>Request type details</translation>
    </message>
    <message>
        <source>&lt;p&gt;No request type matches. Try another word, or pick &lt;i&gt;General request&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;No request type matches. Try another word, or pick &lt;i&gt;General request&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>not assigned</translation>
    </message>
    <message>
        <source>Service level:</source>
        <translation>Service level:</translation>
    </message>
    <message>
        <source>(from the city&apos;s past target dates)</source>
        <translation>(from the city&apos;s past target dates)</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter to start this request</source>
        <translation>Enter to start this request</translation>
    </message>
    <message>
        <source>City&apos;s name: %1</source>
        <translation>City&apos;s name: %1</translation>
    </message>
</context>
<context>
    <name>civicdesk::VisitorText</name>
    <message>
        <source>TRAINING — practice only: nothing here was sent to the city and no request exists</source>
        <translation>TRAINING — practice only: nothing here was sent to the city and no request exists</translation>
    </message>
</context>
<context>
    <name>civicdesk::Wallboard</name>
    <message>
        <source>CivicDesk wallboard</source>
        <translation>CivicDesk wallboard</translation>
    </message>
    <message>
        <source>Wallboard</source>
        <translation>Wallboard</translation>
    </message>
    <message>
        <source>Contacts today</source>
        <translation>Contacts today</translation>
    </message>
    <message>
        <source>Service requests</source>
        <translation>Service requests</translation>
    </message>
    <message>
        <source>Overdue requests by department</source>
        <translation>Overdue requests by department</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Average handle time</source>
        <translation>Average handle time</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Answered with information</source>
        <translation>Answered with information</translation>
    </message>
    <message>
        <source>Resolved at first contact</source>
        <translation>Resolved at first contact</translation>
    </message>
    <message>
        <source>Agents asking for a supervisor</source>
        <translation>Agents asking for a supervisor</translation>
    </message>
    <message>
        <source>Requests opened</source>
        <translation>Requests opened</translation>
    </message>
    <message>
        <source>Closed within SLA</source>
        <translation>Closed within SLA</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <source>Overdue requests</source>
        <translation>Overdue requests</translation>
    </message>
    <message numerus="yes">
        <source>Due within %n hour(s)</source>
        <translation>
            <numerusform>Due within %n hour</numerusform>
            <numerusform>Due within %n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>No department</source>
        <translation>No department</translation>
    </message>
    <message>
        <source>Phone system today</source>
        <translation>Phone system today</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Calls offered (phone system)</source>
        <translation>Calls offered (phone system)</translation>
    </message>
    <message>
        <source>Answered within %1 s</source>
        <translation>Answered within %1 s</translation>
    </message>
    <message>
        <source>Answered within the threshold</source>
        <translation>Answered within the threshold</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <source>Average speed of answer</source>
        <translation>Average speed of answer</translation>
    </message>
    <message>
        <source>Lobby today</source>
        <translation>Lobby today</translation>
    </message>
    <message>
        <source>Lobby visitors</source>
        <translation>Lobby visitors</translation>
    </message>
    <message>
        <source>Still in the lobby</source>
        <translation>Still in the lobby</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Average wait</translation>
    </message>
    <message>
        <source>Wait, 90th percentile</source>
        <translation>Wait, 90th percentile</translation>
    </message>
    <message>
        <source>Average time at the counter</source>
        <translation>Average time at the counter</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <source>Today in %1 · updated %2 local time</source>
        <translation>Today in %1 · updated %2 local time</translation>
    </message>
</context>
<context>
    <name>civicdesk::WrapUpBox</name>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Transferred to</source>
        <translation>Transferred to</translation>
    </message>
    <message>
        <source>Transferred to (department and number)</source>
        <translation>Transferred to (department and number)</translation>
    </message>
    <message>
        <source>Wrap-up notes</source>
        <translation>Wrap-up notes</translation>
    </message>
    <message>
        <source>Finish contact</source>
        <translation>Finish contact</translation>
    </message>
    <message>
        <source>— choose how the contact ended —</source>
        <translation>— choose how the contact ended —</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Information given</translation>
    </message>
    <message>
        <source>Service request created</source>
        <translation>Service request created</translation>
    </message>
    <message>
        <source>Caller attached to an existing request</source>
        <translation>Caller attached to an existing request</translation>
    </message>
    <message>
        <source>Warm transfer</source>
        <translation>Warm transfer</translation>
    </message>
    <message>
        <source>Cold transfer</source>
        <translation>Cold transfer</translation>
    </message>
    <message>
        <source>Complaint or comment</source>
        <translation>Complaint or comment</translation>
    </message>
    <message>
        <source>Caller hung up</source>
        <translation>Caller hung up</translation>
    </message>
    <message>
        <source>Referred elsewhere</source>
        <translation>Referred elsewhere</translation>
    </message>
    <message>
        <source>Transferred to:</source>
        <translation>Transferred to:</translation>
    </message>
    <message>
        <source>&amp;Wrap-up notes:</source>
        <translation>&amp;Wrap-up notes:</translation>
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
        <translation>The city pack could not be loaded; the store is unchanged.

%1</translation>
    </message>
    <message>
        <source>Loading the city from the central store…</source>
        <translation>Loading the city from the central store…</translation>
    </message>
    <message>
        <source>Stop (resume later)</source>
        <translation>Stop (resume later)</translation>
    </message>
    <message>
        <source>CivicDesk: first sync</source>
        <translation>CivicDesk: first sync</translation>
    </message>
    <message>
        <source>Loading the city from the central store: %1 (%2 of %3 rows)</source>
        <translation>Loading the city from the central store: %1 (%2 of %3 rows)</translation>
    </message>
    <message>
        <source>Waiting for the central store: %1</source>
        <translation>Waiting for the central store: %1</translation>
    </message>
    <message>
        <source>The first sync was stopped; it resumes at the next start.</source>
        <translation>The first sync was stopped; it resumes at the next start.</translation>
    </message>
    <message>
        <source>This workstation has no city yet: sign in once so it can load the city from the central store %1.</source>
        <translation>This workstation has no city yet: sign in once so it can load the city from the central store %1.</translation>
    </message>
    <message>
        <source>The wallboard is for supervisors and admins; %1 works as %2.</source>
        <translation>The wallboard is for supervisors and admins; %1 works as %2.</translation>
    </message>
</context>
</TS>
