#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace civicdesk {

// A knowledge base article: what the agent tells the caller, and when to transfer.
struct KnowledgeArticle
{
    enum class Audience
    {
        Agent,
        Public
    };
    enum class State
    {
        Draft,
        InReview,
        Published,
        Archived
    };

    QString id;
    QString title;
    QString body;   // light Markdown: headings, lists, links
    QString script; // read aloud to the caller
    Audience audience = Audience::Public;
    QString language = QStringLiteral("en");
    QString translationGroup; // articles with the same group are translations of each other
    QString departmentCode;
    QStringList serviceCodes;
    QString keywords;
    QString transferTarget; // department, phone, hours
    QDate effective;
    QDate expires;
    QDate reviewDue;
    State state = State::Published;
    QString source; // "seed" (from the city's catalogue), "pack" or "local"
};

// The article's content fields, as the store's columns name them and as the article events carry
// them, in a stable order (everything above but the id, the state and the source).
inline const QStringList &articleContentFields()
{
    static const QStringList fields = {
        QStringLiteral("title"),           QStringLiteral("body"),
        QStringLiteral("script"),          QStringLiteral("audience"),
        QStringLiteral("language"),        QStringLiteral("translation_group"),
        QStringLiteral("department_code"), QStringLiteral("service_codes"),
        QStringLiteral("keywords"),        QStringLiteral("transfer_target"),
        QStringLiteral("effective"),       QStringLiteral("expires"),
        QStringLiteral("review_due")};
    return fields;
}

} // namespace civicdesk
