// Validation of intake answers against Open311 definitions: every datatype, required fields,
// dependencies, and what gets stored.

#include "models/domain/text/formvalidation.h"

#include <QTest>

using namespace civicdesk;

namespace {

ServiceAttribute attribute(const char *code, AttributeDatatype type, bool required = false)
{
    ServiceAttribute a;
    a.code = QString::fromLatin1(code);
    a.description = QString::fromLatin1(code).toLower();
    a.datatype = type;
    a.required = required;
    a.variable = type != AttributeDatatype::Informational;
    if (a.isList())
        a.values = {{QStringLiteral("yes"), QStringLiteral("Yes")},
                    {QStringLiteral("no"), QStringLiteral("No")},
                    {QStringLiteral("other"), QStringLiteral("Other")}};
    return a;
}

ServiceType everyDatatype()
{
    ServiceType t;
    t.code = QStringLiteral("TEST");
    t.attributes = {attribute("NAME", AttributeDatatype::String, true),
                    attribute("COUNT", AttributeDatatype::Number),
                    attribute("WHEN", AttributeDatatype::Datetime),
                    attribute("NOTES", AttributeDatatype::Text),
                    attribute("ONE", AttributeDatatype::SingleValueList, true),
                    attribute("MANY", AttributeDatatype::MultiValueList),
                    attribute("SCRIPT", AttributeDatatype::Informational)};
    ServiceAttribute other = attribute("OTHER", AttributeDatatype::String, true);
    other.dependencies.conditions = {
        {QStringLiteral("ONE"), QStringLiteral("eq"), QStringLiteral("other")}};
    t.attributes.append(other);
    return t;
}

QStringList codesOf(const QList<FieldProblem> &problems)
{
    QStringList codes;
    for (const FieldProblem &p : problems)
        codes.append(p.attributeCode);
    return codes;
}

} // namespace

class TestFormValidation : public QObject
{
    Q_OBJECT

private slots:
    void validAnswersPass()
    {
        const Answers answers{
            {QStringLiteral("NAME"), {QStringLiteral("Red sedan")}},
            {QStringLiteral("COUNT"), {QStringLiteral("2.5")}},
            {QStringLiteral("WHEN"), {QStringLiteral("2026-11-23 14:05")}},
            {QStringLiteral("NOTES"), {QStringLiteral("line 1\nline 2")}},
            {QStringLiteral("ONE"), {QStringLiteral("yes")}},
            {QStringLiteral("MANY"), {QStringLiteral("yes"), QStringLiteral("no")}}};
        QVERIFY(validateAnswers(everyDatatype(), answers).isEmpty());
    }

    void everyDatatypeRejectsBadInput()
    {
        const Answers answers{
            {QStringLiteral("NAME"), {QString(300, u'x')}},
            {QStringLiteral("COUNT"), {QStringLiteral("several")}},
            {QStringLiteral("WHEN"), {QStringLiteral("last week")}},
            {QStringLiteral("NOTES"), {QString(5000, u'x')}},
            {QStringLiteral("ONE"), {QStringLiteral("maybe")}},
            {QStringLiteral("MANY"), {QStringLiteral("yes"), QStringLiteral("perhaps")}}};
        const QList<FieldProblem> problems = validateAnswers(everyDatatype(), answers);
        QCOMPARE(codesOf(problems), QStringList({QStringLiteral("NAME"), QStringLiteral("COUNT"),
                                                 QStringLiteral("WHEN"), QStringLiteral("NOTES"),
                                                 QStringLiteral("ONE"), QStringLiteral("MANY")}));
        for (const FieldProblem &p : problems)
            QVERIFY2(p.message.contains(p.attributeCode.toLower()), qPrintable(p.message));
        QVERIFY(problems.at(1).message.contains(u"several"));
        QVERIFY(problems.at(4).message.contains(u"maybe"));
    }

    void requiredAndDependentFields()
    {
        QList<FieldProblem> problems = validateAnswers(everyDatatype(), {});
        QCOMPARE(codesOf(problems), QStringList({QStringLiteral("NAME"), QStringLiteral("ONE")}));
        // OTHER is required only when ONE is "other".
        problems =
            validateAnswers(everyDatatype(), {{QStringLiteral("NAME"), {QStringLiteral("x")}},
                                              {QStringLiteral("ONE"), {QStringLiteral("other")}}});
        QCOMPARE(codesOf(problems), QStringList{QStringLiteral("OTHER")});
    }

    void onlyShownAnswersAreStored()
    {
        const Answers answers{{QStringLiteral("NAME"), {QStringLiteral("  x  ")}},
                              {QStringLiteral("ONE"), {QStringLiteral("yes")}},
                              {QStringLiteral("OTHER"), {QStringLiteral("left over")}},
                              {QStringLiteral("MANY"), {}}};
        const Answers stored = answersToStore(everyDatatype(), answers);
        QCOMPARE(stored.value(QStringLiteral("NAME")), QStringList{QStringLiteral("x")});
        QVERIFY(!stored.contains(QStringLiteral("OTHER"))); // hidden by its dependency
        QVERIFY(!stored.contains(QStringLiteral("MANY")));  // empty
    }

    void dateFormatsAgentsType()
    {
        QVERIFY(parseAnswerDateTime(QStringLiteral("2026-11-23 14:05")).isValid());
        QVERIFY(parseAnswerDateTime(QStringLiteral("11/23/2026 2:05 PM")).isValid());
        QVERIFY(parseAnswerDateTime(QStringLiteral("2026-11-23")).isValid());
        QVERIFY(!parseAnswerDateTime(QStringLiteral("23/11/2026")).isValid());
    }
};

QTEST_GUILESS_MAIN(TestFormValidation)
#include "tst_formvalidation.moc"
