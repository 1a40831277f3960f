// What an Open311 client sends: the query string and the application/x-www-form-urlencoded
// body of POST requests.{fmt} (split at the input's first newline), and the query of GET
// requests.{fmt}. Whatever the form, the server's checks run to a list of problems against a
// real Boston service definition, and a decoded form never holds text the store cannot keep.

#include "app/server/open311form.h"
#include "models/domain/caller.h"
#include "models/domain/text/formvalidation.h"
#include "models/domain/text/storabletext.h"
#include "models/open311/servicesjson.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QFile>

namespace {

QList<civicdesk::ServiceType> &types()
{
    static QList<civicdesk::ServiceType> loaded;
    return loaded;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QFile file(QStringLiteral(CIVICDESK_DEMO_CITY_DIR "/service-definitions-demo.json"));
    FUZZ_CHECK(file.open(QIODevice::ReadOnly));
    auto parsed = civicdesk::open311::parseServiceDefinitions(file.readAll(), file.fileName());
    FUZZ_CHECK(parsed && !parsed.value().isEmpty());
    types() = parsed.value();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace civicdesk;
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype newline = input.indexOf('\n');
    const QByteArray queryPart = newline < 0 ? QByteArray() : input.left(newline);
    const QByteArray body = newline < 0 ? input : input.mid(newline + 1);
    const QUrl url = QUrl::fromEncoded("http://localhost/open311/v2/requests.json?" + queryPart);

    // GET requests.json: the window and the filters.
    const QUrlQuery query = open311form::query(url);
    const auto window =
        open311form::window(query, QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC));
    if (const auto *w = std::get_if<open311form::Window>(&window)) {
        FUZZ_CHECK(w->from <= w->to);
        FUZZ_CHECK(w->from.addDays(open311form::MaxWindowDays) >= w->to);
    }
    (void)open311form::param(query, QStringLiteral("service_request_id")).split(u',');

    // POST requests.json: the form, its attributes and the caller.
    const auto form = open311form::parseForm(body, url);
    if (!form)
        return 0;
    for (auto it = form->cbegin(); it != form->cend(); ++it) {
        FUZZ_CHECK(!unstorableText(it.key()));
        for (const QString &value : it.value()) {
            FUZZ_CHECK(!unstorableText(value));
            FUZZ_CHECK(!value.isEmpty() && value == value.trimmed());
        }
    }
    const QString code = open311form::one(*form, QStringLiteral("service_code"));
    const ServiceType *type = &types().constFirst();
    for (const ServiceType &t : types()) {
        if (t.code == code)
            type = &t;
    }
    (void)open311form::number(open311form::one(*form, QStringLiteral("lat")));
    if (const auto lon = open311form::number(open311form::one(*form, QStringLiteral("long"))))
        FUZZ_CHECK(std::isfinite(*lon));
    (void)validateAnswers(*type, open311form::attributes(*form));
    Caller caller;
    caller.name = open311form::one(*form, QStringLiteral("first_name"));
    caller.phone = open311form::one(*form, QStringLiteral("phone"));
    caller.email = open311form::one(*form, QStringLiteral("email"));
    for (const CallerProblem &p : validateCaller(caller))
        FUZZ_CHECK(!p.message.isEmpty());
    return 0;
}
