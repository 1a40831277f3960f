#include "models/requests/statusreadback.h"

#include "models/domain/requestnumber.h"
#include "models/domain/text/textmatch.h"
#include "models/requests/requestsearchrepository.h"
#include "models/requests/requesttimeline.h"

#include <QCoreApplication>
#include <QLocale>
#include <algorithm>
#include <numeric>

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
    return ReadBack{*request, display, timeline.latestPublicNote(*request, imported),
                    !allDigits(key)};
}

bool StatusReadback::confirms(const ServiceRequest &request, const QString &detail,
                              const QTimeZone &cityZone)
{
    const QString said = textmatch::fold(detail);
    if (said.isEmpty())
        return false;
    // The date it was opened, in a few spoken or written forms.
    const QDate opened = (cityZone.isValid() ? request.openedAt.toTimeZone(cityZone)
                                             : request.openedAt.toLocalTime())
                             .date();
    const QString trimmed = detail.trimmed();
    for (const QString &format :
         {QStringLiteral("yyyy-MM-dd"), QStringLiteral("M/d/yyyy"), QStringLiteral("M/d/yy"),
          QStringLiteral("d.M.yyyy"), QStringLiteral("MMMM d yyyy"), QStringLiteral("MMMM d, yyyy"),
          QStringLiteral("d MMMM yyyy")}) {
        QDate date = QLocale::c().toDate(trimmed, format);
        if (format == u"M/d/yy" && date.isValid() && date.year() < 2000)
            date = date.addYears(100);
        if (date.isValid())
            return date == opened;
    }
    for (const QString &format :
         {QStringLiteral("MMMM d"), QStringLiteral("d MMMM"), QStringLiteral("M/d")}) {
        const QDate date = QLocale::c().toDate(trimmed, format);
        if (date.isValid())
            return date.month() == opened.month() && date.day() == opened.day();
    }
    // The address: every word the caller said is in it, and there is enough of it (the house
    // number and the street, or a street name of some length).
    const QStringList words = textmatch::streetTokens(detail);
    const QStringList address = textmatch::streetTokens(request.address);
    if (words.isEmpty() || address.isEmpty())
        return false;
    const bool all = std::all_of(words.cbegin(), words.cend(),
                                 [&address](const QString &w) { return address.contains(w); });
    const int letters = std::accumulate(words.cbegin(), words.cend(), 0,
                                        [](int n, const QString &w) { return n + int(w.size()); });
    return all && (words.size() >= 2 || letters >= 5);
}

} // namespace civicdesk
