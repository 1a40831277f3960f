#include "models/domain/text/formvalidation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace civicdesk {

namespace {

class FormText
{
    Q_DECLARE_TR_FUNCTIONS(FormValidation)
};

bool isBlank(const QStringList &values)
{
    return std::all_of(values.cbegin(), values.cend(),
                       [](const QString &v) { return v.trimmed().isEmpty(); });
}

} // namespace

QDateTime parseAnswerDateTime(const QString &text)
{
    const QString t = text.trimmed();
    for (const QString &format :
         {QStringLiteral("yyyy-MM-dd HH:mm"), QStringLiteral("yyyy-MM-ddTHH:mm:ss"),
          QStringLiteral("yyyy-MM-ddTHH:mm"), QStringLiteral("M/d/yyyy h:mm AP"),
          QStringLiteral("M/d/yyyy H:mm"), QStringLiteral("yyyy-MM-dd")}) {
        const QDateTime parsed = QDateTime::fromString(t, format);
        if (parsed.isValid())
            return parsed;
    }
    return {};
}

QList<FieldProblem> validateAnswers(const ServiceType &type, const Answers &answers)
{
    QList<FieldProblem> problems;
    for (const ServiceAttribute &a : type.attributes) {
        if (!a.variable || !a.isShown(answers))
            continue;
        const QStringList values = answers.value(a.code);
        if (isBlank(values)) {
            if (a.required)
                problems.append({a.code, FormText::tr("\"%1\" is required.").arg(a.description)});
            continue;
        }
        const QString first = values.first().trimmed();
        switch (a.datatype) {
        case AttributeDatatype::Number: {
            bool ok = false;
            QLocale::c().toDouble(first, &ok);
            if (!ok)
                QLocale().toDouble(first, &ok);
            if (!ok)
                problems.append(
                    {a.code, FormText::tr("\"%1\" must be a number, such as 3 or 2.5; \"%2\" "
                                          "is not.")
                                 .arg(a.description, first)});
            break;
        }
        case AttributeDatatype::Datetime:
            if (!parseAnswerDateTime(first).isValid())
                problems.append({a.code, FormText::tr("\"%1\" must be a date and time such as "
                                                      "2026-11-23 14:05; \"%2\" is not.")
                                             .arg(a.description, first)});
            break;
        case AttributeDatatype::String:
            if (first.size() > MaxStringAnswerLength)
                problems.append(
                    {a.code, FormText::tr("\"%1\" is too long: %2 characters, at most %3.")
                                 .arg(a.description)
                                 .arg(first.size())
                                 .arg(MaxStringAnswerLength)});
            break;
        case AttributeDatatype::Text:
            if (values.first().size() > MaxTextAnswerLength)
                problems.append(
                    {a.code, FormText::tr("\"%1\" is too long: %2 characters, at most %3.")
                                 .arg(a.description)
                                 .arg(values.first().size())
                                 .arg(MaxTextAnswerLength)});
            break;
        case AttributeDatatype::SingleValueList:
        case AttributeDatatype::MultiValueList: {
            if (a.datatype == AttributeDatatype::SingleValueList && values.size() > 1) {
                problems.append(
                    {a.code, FormText::tr("\"%1\" takes one answer.").arg(a.description)});
                break;
            }
            for (const QString &key : values) {
                const bool known =
                    std::any_of(a.values.cbegin(), a.values.cend(),
                                [&key](const AttributeValue &v) { return v.key == key; });
                if (!known) {
                    problems.append(
                        {a.code, FormText::tr("\"%1\": \"%2\" is not one of the choices.")
                                     .arg(a.description, key)});
                    break;
                }
            }
            break;
        }
        case AttributeDatatype::Informational:
            break;
        }
    }
    return problems;
}

Answers answersToStore(const ServiceType &type, const Answers &answers)
{
    Answers stored;
    for (const ServiceAttribute &a : type.attributes) {
        if (!a.variable || !a.isShown(answers))
            continue;
        QStringList values;
        for (const QString &v : answers.value(a.code)) {
            if (!v.trimmed().isEmpty())
                values.append(a.datatype == AttributeDatatype::Text ? v : v.trimmed());
        }
        if (!values.isEmpty())
            stored.insert(a.code, values);
    }
    return stored;
}

} // namespace civicdesk
