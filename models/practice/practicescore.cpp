#include "models/practice/practicescore.h"

#include "models/domain/requestnumber.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(PracticeScorer)
};

const IntakeStep *last(const QList<IntakeStep> &steps, IntakeStepKind kind)
{
    for (auto it = steps.crbegin(); it != steps.crend(); ++it) {
        if (it->kind == kind)
            return &*it;
    }
    return nullptr;
}

QList<const IntakeStep *> all(const QList<IntakeStep> &steps, IntakeStepKind kind)
{
    QList<const IntakeStep *> found;
    for (const IntakeStep &s : steps) {
        if (s.kind == kind)
            found.append(&s);
    }
    return found;
}

QString str(const IntakeStep *step, QStringView key)
{
    return step ? step->detail.value(key).toString() : QString();
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &x : array)
        out.append(x.toString());
    return out;
}

bool sameValues(QStringList expected, QStringList done)
{
    auto norm = [](QStringList &list) {
        for (QString &v : list) {
            v = v.trimmed().toCaseFolded();
            bool ok = false;
            const double d = v.toDouble(&ok);
            if (ok)
                v = QString::number(d);
        }
        list.sort();
    };
    norm(expected);
    norm(done);
    return expected == done;
}

// Compares request numbers however they are written (with or without the hyphen, any case).
QString compactNumber(const QString &number)
{
    if (const auto parsed = RequestNumber::parse(number); parsed.ok())
        return parsed.value().compact();
    return number.trimmed().toUpper().remove(u'-').remove(u' ');
}

QString none()
{
    return Text::tr("(nothing)");
}

} // namespace

QString normalizedPlace(const QString &text)
{
    QString t = text.toCaseFolded();
    // Without the ZIP code the address reads the same.
    const qsizetype comma = t.indexOf(u',');
    if (comma >= 0)
        t.truncate(comma);
    static const QRegularExpression nonWord(QStringLiteral("[^\\w&]+"));
    return t.replace(nonWord, QStringLiteral(" ")).simplified();
}

PracticeScorer::PracticeScorer(std::function<QString(const QString &)> articleGroup,
                               QHash<QString, QString> seedNumbers)
    : m_articleGroup(std::move(articleGroup)), m_seedNumbers(std::move(seedNumbers))
{
}

PracticeResult PracticeScorer::score(const Scenario &scenario, const QList<IntakeStep> &steps) const
{
    const ScenarioExpected &x = scenario.expected;
    PracticeResult result;
    result.passMark = scenario.passMark;
    const QList<const IntakeStep *> created = all(steps, IntakeStepKind::RequestCreated);
    const IntakeStep *outcome = last(steps, IntakeStepKind::Outcome);
    const IntakeStep *started =
        steps.isEmpty() || steps.first().kind != IntakeStepKind::Started ? nullptr : &steps.first();
    auto add = [&](QString id, QString title, QString expected, QString done, double points,
                   double max) {
        result.criteria.append(
            {std::move(id), std::move(title), std::move(expected), std::move(done), points, max});
    };

    // Type: the last type chosen, and any request taken, are the expected type.
    if (!x.serviceCode.isEmpty()) {
        const IntakeStep *chosen = last(steps, IntakeStepKind::TypeChosen);
        bool right = str(chosen, u"service_code") == x.serviceCode;
        for (const IntakeStep *c : created)
            right = right && str(c, u"service_code") == x.serviceCode;
        QStringList history;
        for (const IntakeStep *t : all(steps, IntakeStepKind::TypeChosen))
            history.append(str(t, u"service_code"));
        add(QStringLiteral("type"), Text::tr("Request type"), x.serviceCode,
            history.isEmpty() ? none() : history.join(QStringLiteral(" → ")),
            right ? TypePoints : 0, TypePoints);
    }

    // Location: where the request is, or the referral for a place outside the city.
    if (!x.location.isEmpty() || x.outsideCity) {
        const IntakeStep *where = last(steps, IntakeStepKind::Location);
        const QString address =
            str(where, u"address").isEmpty() ? str(where, u"landmark") : str(where, u"address");
        bool right;
        QString expected;
        QString done = address.isEmpty() ? none() : address;
        if (x.outsideCity) {
            right = where && where->detail.value(u"outside_city").toBool();
            if (!x.referral.isEmpty())
                right = right && str(where, u"referral") == x.referral;
            expected = Text::tr("Outside the city: referred to %1").arg(x.referral);
            if (where && where->detail.value(u"outside_city").toBool())
                done = Text::tr("%1 (outside the city: %2)").arg(done, str(where, u"referral"));
        } else {
            right = where && !where->detail.value(u"outside_city").toBool() &&
                    normalizedPlace(address) == normalizedPlace(x.location);
            expected = x.location;
        }
        add(QStringLiteral("location"), Text::tr("Location"), expected, done,
            right ? LocationPoints : 0, LocationPoints);
    }

    // Each required answer, as the form last held it.
    QList<ScenarioAnswer> required;
    for (const ScenarioAnswer &a : scenario.answers) {
        if (a.required)
            required.append(a);
    }
    for (const ScenarioAnswer &a : std::as_const(required)) {
        const IntakeStep *answer = nullptr;
        for (auto it = steps.crbegin(); it != steps.crend() && !answer; ++it) {
            if (it->kind == IntakeStepKind::Answer &&
                it->detail.value(u"code").toString() == a.code)
                answer = &*it;
        }
        const QStringList done = answer ? strings(answer->detail.value(u"values")) : QStringList();
        const int corrections =
            int(std::count_if(steps.cbegin(), steps.cend(), [&](const IntakeStep &s) {
                return s.kind == IntakeStepKind::Answer &&
                       s.detail.value(u"code").toString() == a.code &&
                       !s.detail.value(u"previous").toArray().isEmpty();
            }));
        const double share = double(AnswerPoints) / double(required.size());
        QString doneText = done.isEmpty() ? none() : done.join(QStringLiteral(", "));
        if (corrections > 0)
            doneText += u' ' + Text::tr("(corrected %n time(s))", nullptr, corrections);
        add(u"answer:" + a.code, Text::tr("Answer: %1").arg(a.code),
            a.values.join(QStringLiteral(", ")), doneText,
            !done.isEmpty() && sameValues(a.values, done) ? share : 0, share);
    }

    // Duplicate decision.
    if (!x.duplicate.isEmpty()) {
        const IntakeStep *decision = last(steps, IntakeStepKind::DuplicateDecision);
        QString done = decision ? str(decision, u"decision") : QString();
        if (done.isEmpty() && last(steps, IntakeStepKind::CallerAttached))
            done = QStringLiteral("attach");
        if (done.isEmpty() && !created.isEmpty())
            done = all(steps, IntakeStepKind::DuplicatesShown).isEmpty()
                       ? QStringLiteral("none shown")
                       : QStringLiteral("created without deciding");
        add(QStringLiteral("duplicate"), Text::tr("Duplicate decision"), x.duplicate,
            done.isEmpty() ? none() : done, done == x.duplicate ? DuplicatePoints : 0,
            DuplicatePoints);
    }

    // Articles opened (in any language of the article).
    if (!x.articles.isEmpty()) {
        auto group = [this](const QString &id) { return m_articleGroup ? m_articleGroup(id) : id; };
        QStringList opened;
        QStringList openedGroups;
        for (const IntakeStep *s : all(steps, IntakeStepKind::ArticleOpened)) {
            opened.append(str(s, u"article_id"));
            openedGroups.append(group(str(s, u"article_id")));
        }
        int found = 0;
        for (const QString &id : x.articles)
            found += opened.contains(id) || openedGroups.contains(group(id)) ? 1 : 0;
        add(QStringLiteral("articles"), Text::tr("Articles opened"),
            x.articles.join(QStringLiteral(", ")),
            opened.isEmpty() ? none() : opened.join(QStringLiteral(", ")),
            double(ArticlePoints) * found / x.articles.size(), ArticlePoints);
    }

    // Outcome (and where the call went).
    {
        const QString done = str(outcome, u"outcome");
        const QString transfer = str(outcome, u"transfer_destination");
        bool right = done == outcomeName(x.outcome);
        if (!x.transferTo.isEmpty())
            right = right && transfer.contains(x.transferTo, Qt::CaseInsensitive);
        QString expected = outcomeName(x.outcome);
        if (!x.transferTo.isEmpty())
            expected += u" → " + x.transferTo;
        QString doneText = done.isEmpty() ? Text::tr("(contact not ended)") : done;
        if (!transfer.isEmpty())
            doneText += u" → " + transfer;
        add(QStringLiteral("outcome"), Text::tr("Outcome"), expected, doneText,
            right ? OutcomePoints : 0, OutcomePoints);
    }

    // Read-back: the new request's number, or the seeded request the caller asked about.
    if (!x.readBack.isEmpty()) {
        QStringList wanted;
        if (x.readBack == u"created") {
            for (const IntakeStep *c : created)
                wanted.append(compactNumber(str(c, u"number")));
            for (const IntakeStep *a : all(steps, IntakeStepKind::CallerAttached))
                wanted.append(compactNumber(str(a, u"number")));
        } else {
            wanted.append(compactNumber(m_seedNumbers.value(x.readBack)));
        }
        QStringList read;
        bool right = false;
        for (const IntakeStep *r : all(steps, IntakeStepKind::ReadBack)) {
            read.append(str(r, u"number"));
            right = right || (wanted.contains(compactNumber(str(r, u"number"))) &&
                              !compactNumber(str(r, u"number")).isEmpty());
        }
        QString expected = x.readBack == u"created" ? Text::tr("the new request's number")
                                                    : m_seedNumbers.value(x.readBack);
        add(QStringLiteral("read_back"), Text::tr("Number read back"), expected,
            read.isEmpty() ? none() : read.join(QStringLiteral(", ")), right ? ReadBackPoints : 0,
            ReadBackPoints);
    }

    // Time against the target: full points within it, half within one and a half times.
    if (started && outcome)
        result.seconds = started->at.secsTo(outcome->at);
    {
        double points = 0;
        if (started && outcome) {
            if (result.seconds <= scenario.targetSeconds)
                points = TimePoints;
            else if (result.seconds * 2 <= scenario.targetSeconds * 3)
                points = TimePoints / 2.0;
        }
        add(QStringLiteral("time"), Text::tr("Time"),
            Text::tr("%n second(s) or less", nullptr, scenario.targetSeconds),
            started && outcome ? Text::tr("%n second(s)", nullptr, int(result.seconds))
                               : Text::tr("(contact not ended)"),
            points, TimePoints);
    }

    // Critical failures.
    if (x.emergency) {
        const QString done = str(outcome, u"outcome");
        const bool transferred =
            (done == outcomeName(Outcome::WarmTransfer) ||
             done == outcomeName(Outcome::ColdTransfer)) &&
            str(outcome, u"transfer_destination").contains(x.transferTo, Qt::CaseInsensitive);
        if (!transferred || !created.isEmpty())
            result.critical.append(
                {QStringLiteral("emergency_not_transferred"),
                 Text::tr("An emergency must be transferred to %1 at once, with no request "
                          "taken.")
                     .arg(x.transferTo)});
    }
    if (x.confidential) {
        // The number a screen pop filled in came with the call: only what the call taker took
        // counts (the request keeps nothing of the caller on a confidential type anyway).
        const bool numberFromCall = started && started->detail.value(u"number_from_call").toBool();
        for (const IntakeStep *s : all(steps, IntakeStepKind::CallerDetails)) {
            if (s->detail.value(u"name").toBool() ||
                (s->detail.value(u"phone").toBool() && !numberFromCall) ||
                s->detail.value(u"email").toBool()) {
                result.critical.append(
                    {QStringLiteral("caller_data_taken"),
                     Text::tr("%1 is confidential: no name, phone or email may be taken.")
                         .arg(x.serviceCode)});
                break;
            }
        }
    }
    if (x.outsideCity && !created.isEmpty())
        result.critical.append({QStringLiteral("request_outside_city"),
                                Text::tr("A request was taken for a place outside the city; "
                                         "the caller should have been referred to %1.")
                                    .arg(x.referral)});

    double earned = 0;
    double possible = 0;
    for (const ScoreCriterion &c : std::as_const(result.criteria)) {
        earned += c.points;
        possible += c.maxPoints;
    }
    result.score = possible > 0 ? int(std::floor(100.0 * earned / possible + 0.5)) : 0;
    return result;
}

} // namespace civicdesk
