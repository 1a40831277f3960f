#include "models/practice/intakemirror.h"

#include "models/domain/text/jsonnumber.h"
#include "models/intake/intakesession.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(IntakeMirror)
};

QString joined(const QStringList &parts)
{
    QStringList kept;
    for (const QString &part : parts) {
        if (!part.trimmed().isEmpty())
            kept.append(part.trimmed());
    }
    return kept.join(QStringLiteral(" · "));
}

} // namespace

QJsonObject intakeMirror(const IntakeSession &session)
{
    QJsonObject mirror{{QStringLiteral("contact"), session.contactRunning()},
                       {QStringLiteral("seconds"), double(session.elapsedSeconds())}};
    const Caller &caller = session.caller();
    mirror.insert(QStringLiteral("caller"), joined({caller.name, caller.phone, caller.email}));
    if (const auto &type = session.type()) {
        mirror.insert(QStringLiteral("type"),
                      QStringLiteral("%1 (%2)").arg(type->name, type->code));
        QJsonArray answers;
        for (const ServiceAttribute &attribute : type->attributes) {
            const QStringList given = session.answers().value(attribute.code);
            if (!attribute.variable || given.isEmpty())
                continue;
            answers.append(QJsonObject{
                {QStringLiteral("question"),
                 attribute.description.isEmpty() ? attribute.code : attribute.description},
                {QStringLiteral("answer"), given.join(QStringLiteral(", "))}});
        }
        mirror.insert(QStringLiteral("answers"), answers);
    }
    mirror.insert(QStringLiteral("description"), session.description());
    if (const auto &where = session.location())
        mirror.insert(QStringLiteral("location"),
                      joined({where->address, where->landmark, where->neighborhood}));
    mirror.insert(QStringLiteral("outside_city"), session.locationOutsideCity());
    mirror.insert(QStringLiteral("duplicates"), double(session.duplicates().size()));
    if (const auto outcome = session.outcome())
        mirror.insert(QStringLiteral("outcome"), outcomeName(*outcome));
    mirror.insert(QStringLiteral("transfer_to"), session.transferTo());
    mirror.insert(QStringLiteral("number"), session.lastNumber());
    return mirror;
}

QStringList intakeMirrorLines(const QJsonObject &mirror)
{
    const QString none = Text::tr("—");
    auto or_none = [&none](const QString &value) { return value.isEmpty() ? none : value; };
    QStringList lines;
    // The mirror comes from another workstation: its numbers are read through the checked
    // reader (a huge or fractional one is not shown, never converted).
    const QString contact =
        mirror.value(u"contact").toBool() ? Text::tr("running") : Text::tr("not started");
    if (const auto seconds = jsonWholeNumber(mirror.value(u"seconds")))
        lines.append(Text::tr("Contact: %1 (%2 s)").arg(contact).arg(*seconds));
    else
        lines.append(Text::tr("Contact: %1").arg(contact));
    lines.append(Text::tr("Caller: %1").arg(or_none(mirror.value(u"caller").toString())));
    lines.append(Text::tr("Type: %1").arg(or_none(mirror.value(u"type").toString())));
    for (const QJsonValue &value : mirror.value(u"answers").toArray()) {
        const QJsonObject answer = value.toObject();
        lines.append(
            QStringLiteral("    %1 %2")
                .arg(answer.value(u"question").toString(), answer.value(u"answer").toString()));
    }
    lines.append(Text::tr("Description: %1").arg(or_none(mirror.value(u"description").toString())));
    QString where = or_none(mirror.value(u"location").toString());
    if (mirror.value(u"outside_city").toBool())
        where += u' ' + Text::tr("(outside the city)");
    lines.append(Text::tr("Location: %1").arg(where));
    const auto duplicates = jsonWholeNumber(mirror.value(u"duplicates"));
    lines.append(Text::tr("Open requests nearby shown: %1")
                     .arg(duplicates ? QString::number(*duplicates) : none));
    lines.append(Text::tr("Outcome: %1").arg(or_none(mirror.value(u"outcome").toString())));
    if (!mirror.value(u"transfer_to").toString().isEmpty())
        lines.append(Text::tr("Transfer to: %1").arg(mirror.value(u"transfer_to").toString()));
    lines.append(Text::tr("Request number: %1").arg(or_none(mirror.value(u"number").toString())));
    return lines;
}

} // namespace civicdesk
