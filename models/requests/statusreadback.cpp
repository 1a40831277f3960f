#include "models/requests/statusreadback.h"

#include "models/domain/requestnumber.h"
#include "models/requests/requestsearchrepository.h"
#include "models/requests/requesttimeline.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {
class ReadbackText
{
    Q_DECLARE_TR_FUNCTIONS(StatusReadback)
};

bool allDigits(const QString &text)
{
    return !text.isEmpty() &&
           std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}
} // namespace

StatusReadback::StatusReadback(const Database &database) : m_database(database) {}

Result<ReadBack> StatusReadback::lookUp(const QString &typed) const
{
    const QString key = RequestSearchRepository::numberKey(typed);
    if (key.isEmpty())
        return makeError(QStringLiteral("readback.empty"),
                         ReadbackText::tr("Type or read in the request number."));
    QString stored;
    QString display;
    if (allDigits(key)) {
        if (key.size() != CaseIdLength)
            return makeError(QStringLiteral("readback.case_id"),
                             ReadbackText::tr("A city case number has %1 digits; this one has "
                                              "%2. Ask the caller to read it again.")
                                 .arg(CaseIdLength)
                                 .arg(key.size()));
        stored = display = key;
    } else {
        auto number = RequestNumber::parse(key);
        if (!number)
            return number.error();
        stored = number.value().compact();
        display = number.value().display();
    }
    const RequestSearchRepository requests(m_database);
    const auto request = requests.byNumber(stored);
    if (!request)
        return makeError(QStringLiteral("readback.unknown"),
                         ReadbackText::tr("No request %1 in this workstation's store. Check the "
                                          "number with the caller; a request made elsewhere "
                                          "arrives once the workstation syncs.")
                             .arg(display));
    const RequestTimeline timeline(m_database);
    const bool imported = requests.origin(request->id) == u"import";
    return ReadBack{*request, display, timeline.latestPublicNote(*request, imported)};
}

} // namespace civicdesk
