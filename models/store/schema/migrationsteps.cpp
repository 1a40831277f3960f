#include "models/store/schema/migrationsteps.h"

#include "models/store/schema/kpirollups.h"
#include "models/store/schema/requestrollups.h"

namespace civicdesk::migrations {

// Each migration is a list of statements. Never edit a released migration: add a new one.
const QList<QStringList> &all()
{
    static const QList<QStringList> steps = {
        // 1: catalogue, knowledge, places, layers, people, requests, event log and outbox.
        {
            QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE departments(code TEXT PRIMARY KEY, name TEXT NOT NULL, "
                           "phone TEXT, email TEXT, web_link TEXT)"),
            QStringLiteral("CREATE TABLE service_types(code TEXT PRIMARY KEY, name TEXT NOT NULL, "
                           "description TEXT NOT NULL DEFAULT '', grp TEXT NOT NULL DEFAULT '', "
                           "keywords TEXT NOT NULL DEFAULT '', department_code TEXT, "
                           "has_definition INTEGER NOT NULL DEFAULT 0, "
                           "location_required INTEGER NOT NULL DEFAULT 1, "
                           "contact_rule TEXT NOT NULL DEFAULT 'ask' "
                           "CHECK(contact_rule IN ('ask','require','never')), "
                           "request_count INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral(
                "CREATE TABLE service_attributes(service_code TEXT NOT NULL "
                "REFERENCES service_types(code) ON DELETE CASCADE, code TEXT NOT NULL, "
                "ord INTEGER NOT NULL, variable INTEGER NOT NULL, required INTEGER NOT NULL, "
                "datatype TEXT NOT NULL, datatype_description TEXT, description TEXT, "
                "values_json TEXT, dependencies_json TEXT, PRIMARY KEY(service_code, code))"),
            QStringLiteral("CREATE TABLE slas(service_code TEXT PRIMARY KEY "
                           "REFERENCES service_types(code) ON DELETE CASCADE, "
                           "unit TEXT NOT NULL CHECK(unit IN "
                           "('hours','calendar_days','business_days')), "
                           "value INTEGER NOT NULL CHECK(value > 0), source TEXT NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE articles(id TEXT PRIMARY KEY, title TEXT NOT NULL, "
                "body TEXT NOT NULL DEFAULT '', script TEXT NOT NULL DEFAULT '', "
                "audience TEXT NOT NULL DEFAULT 'public', language TEXT NOT NULL DEFAULT 'en', "
                "translation_group TEXT, department_code TEXT, service_codes TEXT NOT NULL "
                "DEFAULT '', keywords TEXT NOT NULL DEFAULT '', transfer_target TEXT, "
                "effective TEXT, expires TEXT, review_due TEXT, state TEXT NOT NULL DEFAULT "
                "'published', source TEXT NOT NULL DEFAULT 'local', updated_at INTEGER)"),
            QStringLiteral("CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, keywords, "
                           "content='articles', tokenize='unicode61 remove_diacritics 2', "
                           "prefix='2 3')"),
            QStringLiteral("CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN "
                           "INSERT INTO articles_fts(rowid, title, body, keywords) VALUES "
                           "(new.rowid, new.title, new.body, new.keywords); END"),
            QStringLiteral("CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN "
                           "INSERT INTO articles_fts(articles_fts, rowid, title, body, keywords) "
                           "VALUES ('delete', old.rowid, old.title, old.body, old.keywords); END"),
            QStringLiteral("CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN "
                           "INSERT INTO articles_fts(articles_fts, rowid, title, body, keywords) "
                           "VALUES ('delete', old.rowid, old.title, old.body, old.keywords); "
                           "INSERT INTO articles_fts(rowid, title, body, keywords) VALUES "
                           "(new.rowid, new.title, new.body, new.keywords); END"),
            QStringLiteral("CREATE TABLE addresses(id INTEGER PRIMARY KEY, house_number TEXT "
                           "NOT NULL, street_name TEXT NOT NULL, zip TEXT NOT NULL DEFAULT '', "
                           "city TEXT, latitude REAL, longitude REAL, neighborhood TEXT, "
                           "ward TEXT, precinct TEXT, source_id TEXT, request_count INTEGER, "
                           "UNIQUE(street_name, house_number, zip))"),
            QStringLiteral("CREATE VIRTUAL TABLE addresses_rtree USING rtree(id, min_lat, "
                           "max_lat, min_lon, max_lon)"),
            QStringLiteral("CREATE TABLE intersections(id INTEGER PRIMARY KEY, name TEXT NOT "
                           "NULL UNIQUE, latitude REAL, longitude REAL, neighborhood TEXT, "
                           "request_count INTEGER)"),
            QStringLiteral("CREATE TABLE map_layers(id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                           "title TEXT NOT NULL, name_property TEXT, feature_count INTEGER NOT "
                           "NULL, min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL, "
                           "geojson BLOB NOT NULL)"),
            QStringLiteral("CREATE TABLE callers(id TEXT PRIMARY KEY, name TEXT, phone TEXT, "
                           "email TEXT, language TEXT NOT NULL DEFAULT 'en', preference TEXT "
                           "NOT NULL DEFAULT 'phone', updated_at INTEGER)"),
            QStringLiteral("CREATE INDEX callers_phone ON callers(phone)"),
            QStringLiteral("CREATE INDEX callers_email ON callers(email)"),
            QStringLiteral("CREATE TABLE contacts(id TEXT PRIMARY KEY, channel TEXT NOT NULL, "
                           "agent TEXT, caller_id TEXT, started_at INTEGER NOT NULL, ended_at "
                           "INTEGER, outcome TEXT, transfer_destination TEXT, notes TEXT)"),
            QStringLiteral("CREATE INDEX contacts_agent ON contacts(agent, started_at)"),
            QStringLiteral("CREATE INDEX contacts_caller ON contacts(caller_id, started_at)"),
            QStringLiteral(
                "CREATE TABLE requests(id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, "
                "service_code TEXT, type_name TEXT NOT NULL, status TEXT NOT NULL CHECK(status "
                "IN ('open','in_progress','closed')), closure_reason TEXT, description TEXT, "
                "address TEXT, latitude REAL, longitude REAL, neighborhood TEXT, ward TEXT, "
                "precinct TEXT, zip TEXT, channel TEXT, department_code TEXT, caller_id TEXT, "
                "opened_at INTEGER NOT NULL, due_at INTEGER, closed_at INTEGER, "
                "attributes_json TEXT, origin TEXT NOT NULL CHECK(origin IN "
                "('local','import','remote')), updated_at INTEGER)"),
            QStringLiteral("CREATE INDEX requests_opened ON requests(opened_at DESC)"),
            QStringLiteral("CREATE INDEX requests_type ON requests(service_code, opened_at)"),
            QStringLiteral("CREATE INDEX requests_status ON requests(status, opened_at)"),
            QStringLiteral("CREATE INDEX requests_caller ON requests(caller_id, opened_at)"),
            QStringLiteral("CREATE INDEX requests_address ON requests(address)"),
            QStringLiteral("CREATE VIRTUAL TABLE requests_rtree USING rtree(id, min_lat, "
                           "max_lat, min_lon, max_lon)"),
            QStringLiteral(
                "CREATE TABLE events(seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL "
                "UNIQUE, entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, kind TEXT NOT "
                "NULL, payload TEXT NOT NULL, actor TEXT NOT NULL, device TEXT NOT NULL, "
                "client_time INTEGER NOT NULL, server_seq INTEGER UNIQUE)"),
            QStringLiteral("CREATE INDEX events_entity ON events(entity_type, entity_id, seq)"),
            QStringLiteral("CREATE TRIGGER events_append_only_update BEFORE UPDATE OF id, "
                           "entity_type, entity_id, kind, payload, actor, device, client_time "
                           "ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); "
                           "END"),
            QStringLiteral("CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events "
                           "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END"),
            QStringLiteral("CREATE TABLE outbox(event_id TEXT PRIMARY KEY REFERENCES "
                           "events(id), queued_at INTEGER NOT NULL, attempts INTEGER NOT NULL "
                           "DEFAULT 0, last_error TEXT)"),
        },
        // 2: intake support: autosaved drafts, callers attached to requests, articles opened
        // during a contact.
        {
            QStringLiteral("CREATE TABLE drafts(id TEXT PRIMARY KEY, contact_id TEXT, kind TEXT "
                           "NOT NULL, payload TEXT NOT NULL, updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE request_callers(request_id TEXT NOT NULL, caller_id "
                           "TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'requester', added_at "
                           "INTEGER NOT NULL, PRIMARY KEY(request_id, caller_id))"),
            QStringLiteral("CREATE INDEX request_callers_caller ON request_callers(caller_id)"),
            QStringLiteral("CREATE TABLE contact_articles(contact_id TEXT NOT NULL, article_id "
                           "TEXT NOT NULL, opened_at INTEGER NOT NULL, PRIMARY KEY(contact_id, "
                           "article_id))"),
        },
        // 3: per-type intake rules (emergency, duplicate radius and window, synonyms) and
        // referrals for places outside the city.
        {
            QStringLiteral("ALTER TABLE service_types ADD COLUMN emergency INTEGER NOT NULL "
                           "DEFAULT 0"),
            QStringLiteral("ALTER TABLE service_types ADD COLUMN emergency_script TEXT NOT NULL "
                           "DEFAULT ''"),
            QStringLiteral("ALTER TABLE service_types ADD COLUMN duplicate_radius_m INTEGER NOT "
                           "NULL DEFAULT 50 CHECK(duplicate_radius_m >= 0)"),
            QStringLiteral("ALTER TABLE service_types ADD COLUMN duplicate_window_days INTEGER "
                           "NOT NULL DEFAULT 30 CHECK(duplicate_window_days >= 0)"),
            QStringLiteral("ALTER TABLE service_types ADD COLUMN synonyms TEXT NOT NULL DEFAULT "
                           "''"),
            QStringLiteral("CREATE TABLE referrals(id INTEGER PRIMARY KEY, name TEXT NOT NULL "
                           "UNIQUE, kind TEXT NOT NULL, phone TEXT NOT NULL, hours TEXT, places "
                           "TEXT NOT NULL DEFAULT '', zips TEXT NOT NULL DEFAULT '', notes TEXT)"),
        },
        // 4: knowledge search vocabulary: caller words and their synonyms per language, and the
        // FTS5 term list used to correct typos.
        {
            QStringLiteral("CREATE TABLE synonyms(language TEXT NOT NULL, term TEXT NOT NULL, "
                           "synonyms TEXT NOT NULL, PRIMARY KEY(language, term))"),
            QStringLiteral("CREATE VIRTUAL TABLE articles_terms USING fts5vocab(articles_fts, "
                           "'row')"),
        },
        // 5: history: the request events written on a workstation in order, to link each
        // contact to the requests made or joined during it.
        {
            QStringLiteral("CREATE INDEX events_device_kind ON events(device, kind, seq)"),
        },
        // Knowledge editing: a version number on each article, every version kept (a projection
        // of the article events), the version each agent last read, and imports that leave
        // locally edited articles alone.
        {
            QStringLiteral("ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1"),
            QStringLiteral(
                "CREATE TABLE article_versions(article_id TEXT NOT NULL, version INTEGER NOT "
                "NULL, event_id TEXT, kind TEXT NOT NULL, actor TEXT NOT NULL, at INTEGER, note "
                "TEXT NOT NULL DEFAULT '', state TEXT NOT NULL, title TEXT NOT NULL, body TEXT "
                "NOT NULL, script TEXT NOT NULL, audience TEXT NOT NULL, language TEXT NOT NULL, "
                "translation_group TEXT, department_code TEXT, service_codes TEXT NOT NULL, "
                "keywords TEXT NOT NULL, transfer_target TEXT, effective TEXT, expires TEXT, "
                "review_due TEXT, PRIMARY KEY(article_id, version))"),
            QStringLiteral("CREATE TABLE article_reads(agent TEXT NOT NULL, article_id TEXT NOT "
                           "NULL, version INTEGER NOT NULL, read_at INTEGER NOT NULL, "
                           "PRIMARY KEY(agent, article_id))"),
            QStringLiteral("CREATE INDEX articles_review_due ON articles(review_due)"),
            // Article events always raise the version; a city-pack import does not, and must not
            // overwrite an article that was edited here.
            QStringLiteral("CREATE TRIGGER articles_keep_local_edits BEFORE UPDATE ON articles "
                           "WHEN old.version > 1 AND new.version = old.version BEGIN SELECT "
                           "RAISE(IGNORE); END"),
        },
        // 7: history search by words of the address or type without scanning every row: an
        // FTS5 index (word prefixes) over the requests, kept current by triggers.
        {
            QStringLiteral("CREATE VIRTUAL TABLE requests_text USING fts5(number, address, "
                           "type_name, content='requests', content_rowid='rowid', "
                           "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
            QStringLiteral("CREATE TRIGGER requests_text_ai AFTER INSERT ON requests BEGIN "
                           "INSERT INTO requests_text(rowid, number, address, type_name) VALUES "
                           "(new.rowid, new.number, new.address, new.type_name); END"),
            QStringLiteral("CREATE TRIGGER requests_text_ad AFTER DELETE ON requests BEGIN "
                           "INSERT INTO requests_text(requests_text, rowid, number, address, "
                           "type_name) VALUES ('delete', old.rowid, old.number, old.address, "
                           "old.type_name); END"),
            QStringLiteral("CREATE TRIGGER requests_text_au AFTER UPDATE OF number, address, "
                           "type_name ON requests BEGIN INSERT INTO requests_text(requests_text, "
                           "rowid, number, address, type_name) VALUES ('delete', old.rowid, "
                           "old.number, old.address, old.type_name); INSERT INTO "
                           "requests_text(rowid, number, address, type_name) VALUES (new.rowid, "
                           "new.number, new.address, new.type_name); END"),
            QStringLiteral("INSERT INTO requests_text(requests_text) VALUES ('rebuild')"),
        },
        // 8: the central store's accounts (Argon2id password hashes, lockout), sign-in sessions
        // (only token hashes), Open311 API keys (only key hashes).
        {
            QStringLiteral("CREATE TABLE users(name TEXT PRIMARY KEY, role TEXT NOT NULL "
                           "CHECK(role IN ('call_taker','lobby','supervisor','trainer','editor',"
                           "'admin')), password_hash TEXT NOT NULL, disabled INTEGER NOT NULL "
                           "DEFAULT 0, failed_logins INTEGER NOT NULL DEFAULT 0, locked_until "
                           "INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at "
                           "INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE sessions(token_hash TEXT PRIMARY KEY, user_name TEXT NOT "
                           "NULL REFERENCES users(name), device TEXT NOT NULL DEFAULT '', "
                           "created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked "
                           "INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE INDEX sessions_user ON sessions(user_name)"),
            QStringLiteral("CREATE TABLE api_keys(label TEXT PRIMARY KEY, key_hash TEXT NOT NULL "
                           "UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER)"),
        },
        // 9: workstation sync: a rejected outbox entry keeps the server's reason (never dropped)
        // until the agent resends a corrected event (resolved_by names the new event).
        {
            QStringLiteral("ALTER TABLE outbox ADD COLUMN rejected_code TEXT"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN rejected_message TEXT"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN rejected_field TEXT"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN rejected_at INTEGER"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN resolved_by TEXT"),
        },
        // 10: history follow-ups (requestlinkprojection): duplicates linked to a parent request,
        // link events listed under the parent as well, callbacks with a due time (milliseconds).
        {
            QStringLiteral("CREATE TABLE request_duplicates(duplicate_id TEXT PRIMARY KEY, "
                           "duplicate_number TEXT NOT NULL, parent_id TEXT NOT NULL, "
                           "parent_number TEXT NOT NULL, linked_by TEXT NOT NULL, linked_at "
                           "INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX request_duplicates_parent ON "
                           "request_duplicates(parent_id)"),
            QStringLiteral("CREATE TABLE request_related_events(request_id TEXT NOT NULL, "
                           "event_id TEXT NOT NULL, PRIMARY KEY(request_id, event_id))"),
            QStringLiteral("CREATE TABLE request_callbacks(id TEXT PRIMARY KEY, request_id TEXT "
                           "NOT NULL, request_number TEXT NOT NULL, caller_id TEXT, caller_name "
                           "TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL, due_at INTEGER NOT "
                           "NULL, note TEXT NOT NULL DEFAULT '', scheduled_by TEXT NOT NULL, "
                           "scheduled_at INTEGER NOT NULL, done_at INTEGER, done_by TEXT, outcome "
                           "TEXT, done_note TEXT)"),
            QStringLiteral("CREATE INDEX request_callbacks_pending ON request_callbacks(done_at, "
                           "due_at)"),
            QStringLiteral("CREATE INDEX request_callbacks_request ON "
                           "request_callbacks(request_id, due_at)"),
        },
        // 11: radius queries on PostgreSQL (which has no R*Tree) read a latitude/longitude
        // bounding box from this index.
        {
            QStringLiteral("CREATE INDEX requests_location ON requests(latitude, longitude)"),
        },
        // 12: Open311 GET requests pages through a date window newest first with the id as tie
        // breaker; this index gives that order without sorting the window.
        {
            QStringLiteral("CREATE INDEX requests_opened_id ON requests(opened_at, id)"),
        },
        // 13: the history list sorted by type, channel, address or due date pages through these
        // indexes (keyset order: the sort key, then the row) instead of sorting every matching
        // row for each page.
        {
            QStringLiteral("CREATE INDEX requests_sort_type ON requests(type_name)"),
            QStringLiteral("CREATE INDEX requests_sort_channel ON requests(COALESCE(channel, ''))"),
            QStringLiteral("CREATE INDEX requests_sort_address ON requests(COALESCE(address, ''))"),
            QStringLiteral("CREATE INDEX requests_sort_due ON requests(COALESCE(due_at, 0))"),
        },
        // 14: Open311 POST keeps the reporter's photo link (media_url) and the city's address id
        // (address_id) as given, so that GET returns them.
        {
            QStringLiteral("ALTER TABLE requests ADD COLUMN media_url TEXT"),
            QStringLiteral("ALTER TABLE requests ADD COLUMN address_id TEXT"),
        },
        // 15: imported history keeps the city's own status word ("Cancelled") and the status
        // note the pack's status map gives it.
        {
            QStringLiteral("ALTER TABLE requests ADD COLUMN source_status TEXT"),
            QStringLiteral("ALTER TABLE requests ADD COLUMN status_note TEXT"),
        },
        // 16: searches the knowledge base could not answer during a contact (the gaps the
        // knowledge editors write next).
        {
            QStringLiteral("CREATE TABLE knowledge_gaps(contact_id TEXT NOT NULL, query TEXT NOT "
                           "NULL, language TEXT NOT NULL DEFAULT '', searched_at INTEGER NOT "
                           "NULL, PRIMARY KEY(contact_id, query))"),
            QStringLiteral("CREATE INDEX knowledge_gaps_searched ON knowledge_gaps(searched_at)"),
        },
        // Supervisor KPIs over a period without scanning every row: contacts by start time,
        // requests by closing time (SLA met), open requests by due time (overdue, due soon).
        {
            QStringLiteral("CREATE INDEX contacts_started ON contacts(started_at)"),
            QStringLiteral("CREATE INDEX requests_closed ON requests(closed_at)"),
            QStringLiteral("CREATE INDEX requests_status_due ON requests(status, due_at)"),
        },
        // Telephony (models/cti): the call a contact was taken on, so the phone system's records
        // and the contact log join on the call id; the caller's number raw and normalised; when
        // the phone rang and when the call ended, and why.
        {
            QStringLiteral("ALTER TABLE contacts ADD COLUMN call_id TEXT"),
            QStringLiteral("ALTER TABLE contacts ADD COLUMN call_number TEXT"),
            QStringLiteral("ALTER TABLE contacts ADD COLUMN call_number_raw TEXT"),
            QStringLiteral("ALTER TABLE contacts ADD COLUMN call_dialled TEXT"),
            QStringLiteral("ALTER TABLE contacts ADD COLUMN call_queue TEXT"),
            QStringLiteral("ALTER TABLE contacts ADD COLUMN call_offered_at INTEGER"),
            QStringLiteral("ALTER TABLE contacts ADD COLUMN call_ended_at INTEGER"),
            QStringLiteral("ALTER TABLE contacts ADD COLUMN call_end_cause TEXT"),
            QStringLiteral("CREATE INDEX contacts_call ON contacts(call_id)"),
        },
        // A published article's pending revision, kept beside the live text until a supervisor
        // publishes it (agents keep finding the live one): every field of the revision, and
        // the note typed with its last save.
        {
            QStringLiteral("CREATE TABLE article_revisions(article_id TEXT PRIMARY KEY "
                           "REFERENCES articles(id) ON DELETE CASCADE, fields TEXT NOT NULL, "
                           "note TEXT NOT NULL DEFAULT '', actor TEXT NOT NULL, "
                           "saved_at INTEGER NOT NULL, base_version INTEGER NOT NULL)"),
        },
        // lobby: the walk-in queue (tickets and their calls), projected from ticket.* events;
        // times in milliseconds. A call is keyed by the ticket and its round in the queue, so
        // one waiting ticket is called once.
        {
            QStringLiteral("CREATE TABLE lobby_tickets(id TEXT PRIMARY KEY, number TEXT NOT NULL, "
                           "seq INTEGER NOT NULL DEFAULT 0, day TEXT NOT NULL, category TEXT NOT "
                           "NULL, category_name TEXT NOT "
                           "NULL DEFAULT '', language TEXT NOT NULL DEFAULT 'en', accessibility "
                           "TEXT NOT NULL DEFAULT '', priority INTEGER NOT NULL DEFAULT 0, "
                           "visitor_name TEXT, device TEXT NOT NULL, issued_at INTEGER NOT NULL, "
                           "queued_at INTEGER NOT NULL, state TEXT NOT NULL, round INTEGER NOT "
                           "NULL DEFAULT 0, counter TEXT, target_counter TEXT, agent TEXT, "
                           "called_at INTEGER, last_called_at INTEGER, recalls INTEGER NOT NULL "
                           "DEFAULT 0, ended_at INTEGER, outcome TEXT, contact_id TEXT, "
                           "request_ids TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', "
                           "updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX lobby_tickets_state ON lobby_tickets(state, queued_at)"),
            QStringLiteral("CREATE INDEX lobby_tickets_day ON lobby_tickets(day, category)"),
            QStringLiteral("CREATE INDEX lobby_tickets_called ON lobby_tickets(last_called_at)"),
            QStringLiteral("CREATE TABLE lobby_calls(ticket_id TEXT NOT NULL, round INTEGER NOT "
                           "NULL, number TEXT NOT NULL, counter TEXT NOT NULL, agent TEXT NOT "
                           "NULL, called_at INTEGER NOT NULL, reason TEXT, PRIMARY KEY(ticket_id, "
                           "round))"),
        },
        // The central store's sign-in epoch: one number raised by every change that ends or
        // alters sessions (sign-out, disabling, a new password, a new role), so that a server
        // process may answer a token from memory while the number stands (AccountStore).
        {
            QStringLiteral("CREATE TABLE auth_epoch(id INTEGER PRIMARY KEY, epoch INTEGER NOT "
                           "NULL)"),
            QStringLiteral("INSERT INTO auth_epoch(id, epoch) VALUES(1, 0)"),
        },
        // known issues: posted by supervisors from a cluster (known_issue.* events), read by
        // the intake when an agent picks the type inside the area; times in seconds.
        {
            QStringLiteral("CREATE TABLE known_issues(id TEXT PRIMARY KEY, service_code TEXT NOT "
                           "NULL, type_name TEXT NOT NULL, agent_text TEXT NOT NULL, "
                           "caller_script TEXT NOT NULL DEFAULT '', latitude REAL NOT NULL, "
                           "longitude REAL NOT NULL, metres REAL NOT NULL, expires_at INTEGER "
                           "NOT NULL, parent_id TEXT NOT NULL, parent_number TEXT NOT NULL, "
                           "posted_by TEXT NOT NULL, posted_at INTEGER NOT NULL, withdrawn_at "
                           "INTEGER)"),
            QStringLiteral("CREATE INDEX known_issues_type ON known_issues(service_code, "
                           "expires_at)"),
        },
        // practice, shared through the central store (app/server/sharedpracticeapi): the
        // scenarios trainers write (one JSON scenario each) and the trainees' scored runs.
        // Their own tables, never events: nothing of practice is pulled, projected or counted
        // with live work. Times in milliseconds.
        {
            QStringLiteral("CREATE TABLE practice_scenarios(id TEXT PRIMARY KEY, scenario TEXT "
                           "NOT NULL, author TEXT NOT NULL, updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE practice_runs(id TEXT PRIMARY KEY, trainee TEXT NOT "
                           "NULL, scenario_id TEXT NOT NULL, finished_at INTEGER NOT NULL, run "
                           "TEXT NOT NULL, recorded_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX practice_runs_trainee ON practice_runs(trainee, "
                           "finished_at)"),
        },
        // lobby: one ticket number a day, held by the store itself whatever writes (several
        // server processes on one PostgreSQL). Numbers given twice before the index existed
        // are kept apart by the start of the later ticket's id (A012~3f9c), never dropped.
        {
            QStringLiteral("UPDATE lobby_tickets SET number = number || '~' || substr(id, 1, 4) "
                           "WHERE EXISTS (SELECT 1 FROM lobby_tickets o WHERE o.day = "
                           "lobby_tickets.day AND o.number = lobby_tickets.number AND o.id < "
                           "lobby_tickets.id)"),
            QStringLiteral("CREATE UNIQUE INDEX lobby_tickets_number ON lobby_tickets(day, "
                           "number)"),
        },
        // map layers: the map's simplified copies of each layer (models/city/layersimplifier),
        // made once by the import instead of at every start; NULL (a store imported before, or
        // a central store without them) and the workstation makes them as before.
        {
            QStringLiteral("ALTER TABLE map_layers ADD COLUMN overview_geojson BLOB"),
            QStringLiteral("ALTER TABLE map_layers ADD COLUMN street_geojson BLOB"),
        },
        // Supervisor KPIs at full size (models/store/schema/kpirollups.h): contacts per UTC day,
        // agent,
        // channel and outcome with their UTC hours; which contact each request was made or
        // joined in; who created each request; covering indexes for a period's requests. Built
        // here from what the store holds.
        kpirollups::migration(),
        // Supervisor KPIs over the year (models/store/schema/requestrollups.h): requests opened
        // and closed per UTC day, type, department, channel and origin; indexes for an agent's
        // requests of a period. Built here from the requests.
        requestrollups::migration(),
        // The central store's sign-in attempts per client address and per user name
        // (models/accounts/signinattempts.h), counted in the store so that every server
        // process on it holds one limit: each key's count in a minute from its first attempt;
        // minutes long over are pruned.
        {
            QStringLiteral("CREATE TABLE signin_attempts(subject TEXT PRIMARY KEY, started_at "
                           "INTEGER NOT NULL, attempts INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX signin_attempts_started ON "
                           "signin_attempts(started_at)"),
        },
    };
    return steps;
}

} // namespace civicdesk::migrations
