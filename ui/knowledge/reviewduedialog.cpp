#include "ui/knowledge/reviewduedialog.h"

#include "models/domain/knowledge/articlelifecycle.h"
#include "models/knowledge/articlerepository.h"
#include "models/knowledge/knowledgeservice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace civicdesk {

ReviewDueDialog::ReviewDueDialog(KnowledgeService &service, const QDate &today, QWidget *parent)
    : QDialog(parent), m_service(service), m_today(today), m_list(new QListWidget(this)),
      m_message(new QLabel(this)),
      m_reviewed(new QPushButton(tr("&Still right: review in a year"), this))
{
    setObjectName(QStringLiteral("reviewDueDialog"));
    setWindowTitle(tr("Articles due for review"));
    m_list->setObjectName(QStringLiteral("reviewDueListWidget"));
    m_message->setObjectName(QStringLiteral("reviewDueMessageLabel"));
    m_message->setWordWrap(true);
    m_reviewed->setObjectName(QStringLiteral("markReviewedButton"));
    m_reviewed->setVisible(mayEditArticles(service.role()));
    auto *open = new QPushButton(tr("&Open"), this);
    open->setObjectName(QStringLiteral("openDueArticleButton"));
    auto *close = new QPushButton(tr("&Close"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(m_reviewed);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    auto activate = [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            emit articleActivated(item->data(Qt::UserRole).toString());
    };
    connect(m_list, &QListWidget::itemActivated, this, activate);
    connect(open, &QPushButton::clicked, this, activate);
    connect(m_reviewed, &QPushButton::clicked, this, &ReviewDueDialog::markReviewed);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    reload();
    resize(640, 480);
}

int ReviewDueDialog::count() const
{
    return m_list->count();
}

void ReviewDueDialog::reload()
{
    const int row = m_list->currentRow();
    m_list->clear();
    const QList<KnowledgeArticle> due = m_service.articles().reviewDue(m_today);
    for (const KnowledgeArticle &a : due) {
        const qint64 days = m_today.daysTo(a.reviewDue);
        const QString when = days < 0    ? tr("overdue by %n day(s)", nullptr, int(-days))
                             : days == 0 ? tr("due today")
                                         : tr("due in %n day(s)", nullptr, int(days));
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 — %2 (%3, %4) — %5")
                .arg(QLocale().toString(a.reviewDue, QLocale::ShortFormat), a.title, a.language,
                     ArticleLifecycle::stateTitle(a.state), when),
            m_list);
        item->setData(Qt::UserRole, a.id);
        if (days < 0)
            item->setForeground(QColor(0xb0, 0x00, 0x20));
    }
    m_message->setText(due.isEmpty()
                           ? tr("No article is due for review in the next 30 days.")
                           : tr("%n article(s) due within 30 days.", nullptr, int(due.size())));
    if (m_list->count() > 0)
        m_list->setCurrentRow(std::clamp(row, 0, m_list->count() - 1));
}

void ReviewDueDialog::markReviewed()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString id = item->data(Qt::UserRole).toString();
    if (auto s = m_service.markReviewed(id, m_today.addYears(1)); !s) {
        m_message->setText(s.error().message);
        return;
    }
    emit articleChanged(id);
    reload();
}

} // namespace civicdesk
