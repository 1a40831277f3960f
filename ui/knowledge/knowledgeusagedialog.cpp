#include "ui/knowledge/knowledgeusagedialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

QTableWidget *table(QWidget *parent, const QString &name, const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setTabKeyNavigation(false);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return t;
}

QTableWidgetItem *item(const QString &text, const QVariant &data = {})
{
    auto *i = new QTableWidgetItem(text);
    i->setData(Qt::UserRole, data);
    return i;
}

} // namespace

KnowledgeUsageDialog::KnowledgeUsageDialog(KnowledgeUsage usage, const QDate &today,
                                           QWidget *parent)
    : QDialog(parent), m_usage(std::move(usage)), m_today(today), m_period(new QComboBox(this)),
      m_answers(table(this, QStringLiteral("answersTable"),
                      {tr("Article"), tr("Language"), tr("Information calls")})),
      m_gaps(table(this, QStringLiteral("gapsTable"),
                   {tr("Searched for"), tr("Language"), tr("Contacts"), tr("Last")}))
{
    setObjectName(QStringLiteral("knowledgeUsageDialog"));
    setWindowTitle(tr("Knowledge usage: answers and gaps"));
    m_period->setObjectName(QStringLiteral("usagePeriodComboBox"));
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("Last 365 days"), 365);
    m_period->setCurrentIndex(1);
    m_period->setAccessibleName(tr("Period"));
    m_answers->setAccessibleName(tr("Answers that closed information calls"));
    m_gaps->setAccessibleName(tr("Searches nothing answered"));
    auto *periodLabel = new QLabel(tr("&Period:"), this);
    periodLabel->setBuddy(m_period);
    auto *answersLabel = new QLabel(tr("&Answers that closed information calls (contacts that "
                                       "ended \"information given\" with the article opened):"),
                                    this);
    answersLabel->setWordWrap(true);
    answersLabel->setBuddy(m_answers);
    auto *gapsLabel = new QLabel(
        tr("&Searches nothing answered (\"No good match\" during a contact) — the articles to "
           "write next:"),
        this);
    gapsLabel->setWordWrap(true);
    gapsLabel->setBuddy(m_gaps);
    auto *close = new QPushButton(tr("&Close"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(periodLabel);
    top->addWidget(m_period);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(answersLabel);
    layout->addWidget(m_answers, 1);
    layout->addWidget(gapsLabel);
    layout->addWidget(m_gaps, 1);
    layout->addWidget(close, 0, Qt::AlignRight);
    connect(m_period, &QComboBox::currentIndexChanged, this, &KnowledgeUsageDialog::reload);
    connect(m_answers, &QTableWidget::itemActivated, this, [this](QTableWidgetItem *activated) {
        emit articleActivated(m_answers->item(activated->row(), 0)->data(Qt::UserRole).toString());
    });
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    reload();
    resize(760, 560);
}

void KnowledgeUsageDialog::reload()
{
    const QDateTime to = m_today.addDays(1).startOfDay();
    const QDateTime from = to.addDays(-m_period->currentData().toInt());
    const QList<ArticleUse> answers = m_usage.answersThatCloseCalls(from, to);
    m_answers->setRowCount(int(answers.size()));
    for (int row = 0; row < answers.size(); ++row) {
        const ArticleUse &a = answers.at(row);
        m_answers->setItem(row, 0, item(a.title, a.articleId));
        m_answers->setItem(row, 1, item(a.language));
        m_answers->setItem(row, 2, item(QString::number(a.contacts)));
    }
    const QList<SearchGap> gaps = m_usage.unansweredSearches(from, to);
    m_gaps->setRowCount(int(gaps.size()));
    const QLocale locale;
    for (int row = 0; row < gaps.size(); ++row) {
        const SearchGap &g = gaps.at(row);
        m_gaps->setItem(row, 0, item(g.query));
        m_gaps->setItem(row, 1, item(g.language));
        m_gaps->setItem(row, 2, item(QString::number(g.contacts)));
        m_gaps->setItem(row, 3, item(locale.toString(g.last.toLocalTime(), QLocale::ShortFormat)));
    }
    m_answers->resizeColumnsToContents();
    m_gaps->resizeColumnsToContents();
}

} // namespace civicdesk
