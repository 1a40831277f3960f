#include "models/citypack/import/intakeimport.h"

#include "models/citypack/citypack.h"
#include "models/citypack/csvreader.h"
#include "models/citypack/exportform.h"
#include "models/citypack/rowproblems.h"
#include "models/domain/servicetype.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <algorithm>

namespace civicdesk {

namespace {

class IntakeText
{
    Q_DECLARE_TR_FUNCTIONS(CityImporter)
};

Error lineError(const QString &file, qint64 line, const QString &problem)
{
    return makeError(QStringLiteral("pack.file"),
                     IntakeText::tr("%1: line %2: %3").arg(file).arg(line).arg(problem));
}

Result<int> nonNegative(const CsvReader &csv, const QString &column, int fallback,
                        const QString &file)
{
    const QString text = csv.value(column).trimmed();
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0)
        return lineError(
            file, csv.line(),
            IntakeText::tr("%1 \"%2\" must be a whole number, 0 or more").arg(column, text));
    return value;
}

} // namespace

Result<int> importIntakeRules(QSqlDatabase &db, const CityPack &pack)
{
    if (pack.intakeRulesFile.isEmpty())
        return 0;
    const QString file = pack.intakeRulesFile;
    auto opened = openPackCsv(pack, file);
    if (!opened)
        return opened.error();
    CsvReader &csv = *opened.value().reader;
    if (auto s = csv.readHeader({QStringLiteral("service_code"), QStringLiteral("contact_rule"),
                                 QStringLiteral("emergency")});
        !s)
        return makeError(QStringLiteral("pack.file"), file + u": " + s.error().message);
    QSqlQuery q(db);
    int count = 0;
    RowProblems rows(pack);
    while (csv.next()) {
        const QString code = csv.value(QStringLiteral("service_code")).trimmed();
        const QString ruleText = csv.value(QStringLiteral("contact_rule")).trimmed();
        const auto rule =
            contactRuleFromName(ruleText.isEmpty() ? QStringLiteral("ask") : ruleText);
        const QString emergencyText = csv.value(QStringLiteral("emergency")).trimmed().toLower();
        const QString script = csv.value(QStringLiteral("emergency_script")).trimmed();
        auto radius = nonNegative(csv, QStringLiteral("duplicate_radius_m"), 50, file);
        auto window = nonNegative(csv, QStringLiteral("duplicate_window_days"), 30, file);
        // Every problem of the row is noted (a check lists them all), then the row is skipped.
        QList<Error> bad;
        if (!rule)
            bad.append(lineError(
                file, csv.line(),
                IntakeText::tr("contact_rule \"%1\" must be ask, require or never").arg(ruleText)));
        if (!emergencyText.isEmpty() && emergencyText != u"yes" && emergencyText != u"no")
            bad.append(
                lineError(file, csv.line(),
                          IntakeText::tr("emergency \"%1\" must be yes or no").arg(emergencyText)));
        else if (emergencyText == u"yes" && script.isEmpty())
            bad.append(lineError(file, csv.line(),
                                 IntakeText::tr("an emergency type needs an emergency_script")));
        if (!radius)
            bad.append(radius.error());
        if (!window)
            bad.append(window.error());
        if (!bad.isEmpty()) {
            if (std::any_of(bad.cbegin(), bad.cend(),
                            [&rows](const Error &e) { return rows.add(e); }))
                break;
            continue;
        }
        if (auto s = sql::exec(
                q,
                QStringLiteral("UPDATE service_types SET contact_rule = ?, emergency = ?, "
                               "emergency_script = ?, duplicate_radius_m = ?, "
                               "duplicate_window_days = ?, synonyms = ? WHERE code = ?"),
                {contactRuleName(*rule), emergencyText == u"yes", sql::text(script), radius.value(),
                 window.value(), sql::text(csv.value(QStringLiteral("synonyms")).trimmed()), code});
            !s)
            return s.error();
        if (q.numRowsAffected() != 1) {
            if (rows.add(lineError(
                    file, csv.line(),
                    IntakeText::tr("service_code \"%1\" is not in the service list").arg(code))))
                break;
            continue;
        }
        ++count;
    }
    if (!rows.isEmpty())
        return rows.result().error();
    if (csv.hasError())
        return makeError(QStringLiteral("pack.file"), file + u": " + csv.error());
    return count;
}

Result<int> importReferrals(QSqlDatabase &db, const CityPack &pack)
{
    QSqlQuery q(db);
    if (auto s = sql::exec(q, QStringLiteral("DELETE FROM referrals")); !s)
        return s.error();
    if (pack.referralsFile.isEmpty())
        return 0;
    const QString file = pack.referralsFile;
    auto opened = openPackCsv(pack, file);
    if (!opened)
        return opened.error();
    CsvReader &csv = *opened.value().reader;
    if (auto s =
            csv.readHeader({QStringLiteral("name"), QStringLiteral("kind"), QStringLiteral("phone"),
                            QStringLiteral("places"), QStringLiteral("zips")});
        !s)
        return makeError(QStringLiteral("pack.file"), file + u": " + s.error().message);
    int count = 0;
    RowProblems rows(pack);
    while (csv.next()) {
        const QString name = csv.value(QStringLiteral("name")).trimmed();
        const QString phone = csv.value(QStringLiteral("phone")).trimmed();
        if (name.isEmpty() || phone.isEmpty()) {
            if (rows.add(
                    lineError(file, csv.line(), IntakeText::tr("name and phone are required"))))
                break;
            continue;
        }
        if (auto s = sql::exec(
                q,
                // Ids numbered here: the same on every import, on PostgreSQL too.
                QStringLiteral("INSERT INTO referrals(id, name, kind, phone, hours, places, "
                               "zips, notes) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"),
                {count + 1, name, sql::text(csv.value(QStringLiteral("kind")).trimmed()), phone,
                 sql::nullable(csv.value(QStringLiteral("hours")).trimmed()),
                 sql::text(csv.value(QStringLiteral("places")).trimmed().toLower()),
                 sql::text(csv.value(QStringLiteral("zips")).trimmed()),
                 sql::nullable(csv.value(QStringLiteral("notes")).trimmed())});
            !s)
            return lineError(file, csv.line(), s.error().message);
        ++count;
    }
    if (!rows.isEmpty())
        return rows.result().error();
    if (csv.hasError())
        return makeError(QStringLiteral("pack.file"), file + u": " + csv.error());
    return count;
}

} // namespace civicdesk
