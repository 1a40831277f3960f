// POST requests.{fmt}: a resident's request from a web form or an app becomes the same events a
// call taker's would, through the same checks (IntakeService), and reaches every workstation
// through the sync API.

#include "app/server/httpreply.h"
#include "app/server/open311api.h"
#include "app/server/open311form.h"
#include "app/server/open311submission.h"
#include "app/server/pendinganswer.h"
#include "app/server/routetable.h"
#include "app/server/storewriter.h"
#include "models/central/centrallog.h"
#include "models/city/cataloguerepository.h"
#include "models/city/citylimits.h"
#include "models/city/layerrepository.h"
#include "models/city/placerepository.h"
#include "models/domain/text/formvalidation.h"
#include "models/domain/text/storabletext.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;
using Format = Open311Api::Format;
using namespace open311reply;

class PostText
{
    Q_DECLARE_TR_FUNCTIONS(Open311Api)
};

constexpr qint64 MaxFormBytes = MaxFormBodyBytes;

using open311form::Form;
using open311form::number;
using open311form::one;

} // namespace

void Open311Api::post(const QString &arg, const QHttpServerRequest &request,
                      QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    if (auto refused = http::screen(request, arg))
        return pending->reply(*refused);
    auto checked = checkPost(arg, request);
    // After a database outage, as for every route: checked once more on a fresh connection.
    if (auto *refused = std::get_if<QHttpServerResponse>(&checked);
        refused && refused->statusCode() == HttpStatus::ServiceUnavailable && http::recoverStore())
        checked = checkPost(arg, request);
    if (auto *refused = std::get_if<QHttpServerResponse>(&checked))
        return pending->reply(*refused);
    auto submission = std::make_shared<Open311Submission>(std::get<Open311Submission>(checked));
    if (m_writer.inFlight() >= m_writerQueue) {
        return pending->reply(
            retryLater(submission->format,
                       PostText::tr("The server has as many writes waiting for the store as it "
                                    "takes; nothing was kept. Try again in %1 seconds.")
                           .arg(WriterRetryAfterSeconds),
                       WriterRetryAfterSeconds));
    }
    // Numbered and written by the store writer on its own connection; answered once committed.
    auto answer = std::make_shared<std::pair<QHttpServerResponse, bool>>(
        QHttpServerResponse(HttpStatus::InternalServerError), false);
    m_writer.submit(
        [submission, answer](Database &store) {
            answer->first = writeOpen311Submission(store, *submission, &answer->second);
        },
        [this, pending, answer] {
            if (answer->second && m_eventsAccepted)
                m_eventsAccepted();
            pending->reply(answer->first);
        });
}

std::variant<QHttpServerResponse, Open311Submission>
Open311Api::checkPost(const QString &arg, const QHttpServerRequest &request)
{
    const auto r = resource(arg);
    if (!r || r->first != u"requests")
        return error(r ? r->second : Format::Json, HttpStatus::NotFound,
                     PostText::tr("Only requests.xml and requests.json accept POST."));
    const Format format = r->second;
    bool declared = false;
    const qint64 length = request.value(QByteArrayLiteral("Content-Length")).toLongLong(&declared);
    if ((declared && length > MaxFormBytes) || request.body().size() > MaxFormBytes)
        return error(format, HttpStatus::PayloadTooLarge,
                     PostText::tr("The request is larger than %1 bytes. Send media as a "
                                  "media_url, not in the form.")
                         .arg(MaxFormBytes));
    const auto parsed = open311form::parseForm(request.body(), request.url());
    if (!parsed)
        return error(format, HttpStatus::BadRequest,
                     PostText::tr("The form is not valid UTF-8 text, or holds characters no "
                                  "store keeps (NUL, lone surrogates, U+FFFE, U+FFFF, a leading "
                                  "U+FEFF)."));
    const Form &form = *parsed;

    const QString key = one(form, QStringLiteral("api_key"));
    const auto found = m_accounts.apiKeyLabel(key);
    if (!found) // the store could not be asked: not the key's fault
        return retryLater(format,
                          PostText::tr("The store cannot be reached just now; nothing was kept. "
                                       "Try again in %1 seconds.")
                              .arg(http::StoreRetryAfterSeconds),
                          http::StoreRetryAfterSeconds);
    const std::optional<QString> &label = found.value();
    if (!label)
        return error(format, HttpStatus::Forbidden,
                     key.isEmpty() ? PostText::tr("api_key is required to create requests.")
                                   : PostText::tr("api_key is not valid (unknown or revoked)."));
    int retry = 0;
    if (!m_postsPerKey.allow(*label, QDateTime::currentMSecsSinceEpoch(), &retry)) {
        QHttpServerResponse tooMany =
            error(format, HttpStatus::TooManyRequests,
                  PostText::tr("More than %1 requests a minute with this api_key; wait %2 "
                               "seconds.")
                      .arg(PostsPerKeyPerMinute)
                      .arg(retry));
        tooMany.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(retry));
        return tooMany;
    }

    const QString code = one(form, QStringLiteral("service_code"));
    if (code.isEmpty())
        return error(format, HttpStatus::BadRequest, PostText::tr("service_code is required."));
    const auto type = CatalogueRepository(m_database).serviceType(code);
    if (!type)
        return error(
            format, HttpStatus::NotFound,
            PostText::tr("No service with code \"%1\"; see services.json.").arg(code.left(100)));
    if (type->emergency)
        return error(format, HttpStatus::BadRequest,
                     PostText::tr("This is an emergency: it cannot be reported online. %1")
                         .arg(type->emergencyScript));

    QStringList problems;
    NewRequest request311;
    request311.type = *type;
    request311.channel = Channel::Web;
    request311.description = one(form, QStringLiteral("description"));
    // Location: lat+long, or address_id, or address_string.
    const QString latText = one(form, QStringLiteral("lat"));
    const QString lonText = one(form, QStringLiteral("long"));
    IntakeLocation &where = request311.location;
    if (!latText.isEmpty() || !lonText.isEmpty()) {
        const auto lat = number(latText);
        const auto lon = number(lonText);
        if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
            problems.append(PostText::tr("lat and long must be sent together as WGS84 degrees "
                                         "(lat -90 to 90, long -180 to 180)."));
        else {
            where.latitude = lat;
            where.longitude = lon;
        }
    }
    const QString addressId = one(form, QStringLiteral("address_id"));
    if (!addressId.isEmpty()) {
        bool ok = false;
        const auto point = PlaceRepository(m_database).address(addressId.toLongLong(&ok));
        if (!ok || !point)
            problems.append(PostText::tr("address_id \"%1\" is not an address of this city.")
                                .arg(addressId.left(40)));
        else {
            where.address =
                point->label() + (point->zip.isEmpty() ? QString() : u", " + point->zip);
            where.neighborhood = point->neighborhood;
            where.ward = point->ward;
            where.precinct = point->precinct;
            where.zip = point->zip;
            request311.addressId = addressId;
            if (!where.latitude) {
                where.latitude = point->latitude;
                where.longitude = point->longitude;
            }
        }
    }
    const QString addressString = one(form, QStringLiteral("address_string"));
    if (addressString.size() > 500)
        problems.append(PostText::tr("address_string may have at most 500 characters."));
    else if (where.address.isEmpty())
        where.landmark = addressString;
    if (type->locationRequired && where.address.isEmpty() && where.landmark.isEmpty() &&
        !where.latitude)
        problems.append(PostText::tr("A location is required: lat and long, address_string or "
                                     "address_id."));
    // A place outside the city is referred, as a call taker would, not taken.
    if (problems.isEmpty()) {
        // An address_id is one of the city's own addresses; typed text may name another town.
        if (const auto outside =
                cityLimits().outside(where.latitude, where.longitude,
                                     request311.addressId.isEmpty() ? addressString : QString())) {
            const auto &referral = outside->referral;
            return error(
                format, HttpStatus::BadRequest,
                referral ? PostText::tr("This place is outside %1: %2 answers for it, at "
                                        "%3%4.%5")
                               .arg(m_database.meta(QStringLiteral("city_name")), referral->name,
                                    referral->phone,
                                    referral->hours.isEmpty() ? QString()
                                                              : u" (" + referral->hours + u')',
                                    referral->notes.isEmpty() ? QString() : u' ' + referral->notes)
                         : PostText::tr("This place is outside %1; the city cannot take a "
                                        "request for it.")
                               .arg(m_database.meta(QStringLiteral("city_name"))));
        }
    }
    if (where.latitude && where.address.isEmpty() && where.landmark.isEmpty()) {
        if (const auto nearest =
                PlaceRepository(m_database).nearestAddress(*where.latitude, *where.longitude, 60)) {
            where.address = PostText::tr("near %1").arg(nearest->address.label());
            where.neighborhood = nearest->address.neighborhood;
            where.ward = nearest->address.ward;
            where.precinct = nearest->address.precinct;
            where.zip = nearest->address.zip;
        } else {
            where.landmark = QStringLiteral("%1, %2")
                                 .arg(*where.latitude, 0, 'f', 6)
                                 .arg(*where.longitude, 0, 'f', 6);
        }
    }
    // attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2.
    const auto given = open311form::attributes(form);
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        const QString &attribute = it.key();
        const bool known = std::any_of(type->attributes.cbegin(), type->attributes.cend(),
                                       [&](const auto &a) { return a.code == attribute; });
        if (!known)
            problems.append(PostText::tr("Service \"%1\" has no attribute \"%2\".")
                                .arg(type->code, attribute.left(60)));
        else
            request311.answers[attribute].append(it.value());
    }
    for (const FieldProblem &p : validateAnswers(*type, request311.answers))
        problems.append(QStringLiteral("attribute[%1]: %2").arg(p.attributeCode, p.message));
    if (request311.description.size() > MaxTextAnswerLength)
        problems.append(
            PostText::tr("description may have at most %1 characters.").arg(MaxTextAnswerLength));
    const QString mediaUrl = one(form, QStringLiteral("media_url"));
    if (!mediaUrl.isEmpty()) {
        const QUrl url(mediaUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
            mediaUrl.size() > 2000)
            problems.append(PostText::tr("media_url must be an http(s) URL."));
        else
            request311.mediaUrl = mediaUrl;
    }
    // Who reported, unless the type never keeps it.
    Caller caller;
    caller.name =
        QStringList{one(form, QStringLiteral("first_name")), one(form, QStringLiteral("last_name"))}
            .join(u' ')
            .trimmed();
    caller.phone = one(form, QStringLiteral("phone"));
    caller.email = one(form, QStringLiteral("email"));
    caller.preference =
        caller.email.isEmpty() ? ContactPreference::Phone : ContactPreference::Email;
    const bool identified =
        !caller.name.isEmpty() || !caller.phone.isEmpty() || !caller.email.isEmpty();
    if (type->contactRule == ContactRule::Require && !identified)
        problems.append(PostText::tr("This service needs a way to reach the reporter: email or "
                                     "phone."));
    for (const CallerProblem &p : validateCaller(caller))
        problems.append(QStringLiteral("%1: %2").arg(p.field, p.message));
    if (!problems.isEmpty())
        return errors(format, HttpStatus::BadRequest, problems);

    // Everything checked: the store writer writes it.
    return Open311Submission{format, *label, request311, caller,
                             identified && type->contactRule != ContactRule::Never};
}

const CityLimits &Open311Api::cityLimits()
{
    // Rebuilt when a new import changed the layers or the referrals, else read once.
    QStringList key;
    const QList<LayerInfo> layers = LayerRepository(m_database).layers();
    for (const LayerInfo &l : layers)
        key.append(QStringLiteral("%1/%2/%3/%4/%5/%6")
                       .arg(l.id)
                       .arg(l.featureCount)
                       .arg(l.minLat)
                       .arg(l.minLon)
                       .arg(l.maxLat)
                       .arg(l.maxLon));
    QList<Referral> referrals = IntakeRepository(m_database).referrals();
    for (const Referral &r : std::as_const(referrals))
        key.append(r.name + u'|' + r.phone + u'|' + r.places.join(u'|') + u'|' + r.zips.join(u'|'));
    const QString signature = key.join(u'\n');
    if (!m_cityLimits || signature != m_cityLimitsKey) {
        m_cityLimits =
            std::make_unique<CityLimits>(CityLimits::load(m_database, std::move(referrals)));
        m_cityLimitsKey = signature;
    }
    return *m_cityLimits;
}

} // namespace civicdesk
