#include "ui/knowledge/articlehistorydialog.h"

#include "models/domain/knowledge/articlelifecycle.h"
#include "models/knowledge/articlehistory.h"
#include "ui/knowledge/articlehtml.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace civicdesk {

ArticleHistoryDialog::ArticleHistoryDialog(const ArticleHistory &history, const QString &articleId,
                                           QWidget *parent)
    : QDialog(parent), m_versions(history.versions(articleId)), m_table(new QTableWidget(this)),
      m_from(new QComboBox(this)), m_to(new QComboBox(this)), m_summary(new QLabel(this)),
      m_left(new QTextBrowser(this)), m_right(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("articleHistoryDialog"));
    const QString title = m_versions.isEmpty() ? articleId : m_versions.last().article.title;
    setWindowTitle(tr("History of \"%1\"").arg(title));
    m_table->setObjectName(QStringLiteral("articleVersionsTable"));
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels(
        {tr("Version"), tr("When"), tr("Who"), tr("State"), tr("Change")});
    m_table->setRowCount(int(m_versions.size()));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_from->setObjectName(QStringLiteral("compareFromComboBox"));
    m_to->setObjectName(QStringLiteral("compareToComboBox"));
    m_summary->setObjectName(QStringLiteral("compareSummaryLabel"));
    m_left->setObjectName(QStringLiteral("olderVersionBrowser"));
    m_right->setObjectName(QStringLiteral("newerVersionBrowser"));
    for (int row = 0; row < m_versions.size(); ++row) {
        const ArticleVersion &v = m_versions.at(row);
        const QString when = v.at.isValid()
                                 ? QLocale().toString(v.at.toLocalTime(), QLocale::ShortFormat)
                                 : tr("imported");
        const QStringList cells = {QString::number(v.number), when, v.actor,
                                   ArticleLifecycle::stateTitle(v.article.state), changeText(v)};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        const QString label = tr("Version %1 (%2, %3)").arg(v.number).arg(when, v.actor);
        m_from->addItem(label, v.number);
        m_to->addItem(label, v.number);
    }
    m_table->resizeColumnsToContents();

    auto *pick = new QHBoxLayout;
    auto *fromLabel = new QLabel(tr("Co&mpare"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&with"), this);
    toLabel->setBuddy(m_to);
    pick->addWidget(fromLabel);
    pick->addWidget(m_from, 1);
    pick->addWidget(toLabel);
    pick->addWidget(m_to, 1);
    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(m_left);
    sides->addWidget(m_right);
    auto *close = new QPushButton(tr("&Close"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(pick);
    layout->addWidget(m_summary);
    layout->addWidget(sides, 3);
    layout->addWidget(close, 0, Qt::AlignRight);

    connect(m_from, &QComboBox::currentIndexChanged, this, &ArticleHistoryDialog::compareSelected);
    connect(m_to, &QComboBox::currentIndexChanged, this, &ArticleHistoryDialog::compareSelected);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        // The chosen version against the one before it.
        m_to->setCurrentIndex(row);
        m_from->setCurrentIndex(std::max(0, row - 1));
    });
    const int last = int(m_versions.size()) - 1;
    m_to->setCurrentIndex(last);
    m_from->setCurrentIndex(std::max(0, last - 1));
    compareSelected();
    resize(960, 720);
}

QString ArticleHistoryDialog::changeText(const ArticleVersion &v) const
{
    if (v.kind == u"article.imported")
        return tr("Imported from the city pack");
    if (v.kind == u"article.created")
        return tr("Created");
    if (v.kind == u"article.reviewed")
        return tr("Reviewed; next review %1").arg(v.article.reviewDue.toString(Qt::ISODate));
    if (v.kind == u"article.state_changed")
        return v.note.isEmpty()
                   ? tr("Moved to %1").arg(ArticleLifecycle::stateTitle(v.article.state))
                   : tr("Moved to %1: %2")
                         .arg(ArticleLifecycle::stateTitle(v.article.state), v.note);
    if (v.kind == u"article.revision_published")
        return v.note.isEmpty() ? tr("Revision published")
                                : tr("Revision published: %1").arg(v.note);
    return v.note.isEmpty() ? tr("Edited") : tr("Edited: %1").arg(v.note);
}

void ArticleHistoryDialog::compare(int from, int to)
{
    const int fromIndex = m_from->findData(std::min(from, to));
    const int toIndex = m_to->findData(std::max(from, to));
    if (fromIndex < 0 || toIndex < 0)
        return;
    m_from->setCurrentIndex(fromIndex);
    m_to->setCurrentIndex(toIndex);
    compareSelected();
}

void ArticleHistoryDialog::compareSelected()
{
    const int a = m_from->currentIndex();
    const int b = m_to->currentIndex();
    if (a < 0 || b < 0)
        return;
    const ArticleVersion &older = m_versions.at(std::min(a, b));
    const ArticleVersion &newer = m_versions.at(std::max(a, b));
    const auto [left, right] = ArticleHtml::sideBySide(ArticleHtml::comparable(older.article),
                                                       ArticleHtml::comparable(newer.article));
    m_left->setHtml(u"<h3>" + tr("Version %1").arg(older.number) + u"</h3>" + left);
    m_right->setHtml(u"<h3>" + tr("Version %1").arg(newer.number) + u"</h3>" + right);
    m_summary->setText(older.number == newer.number
                           ? tr("The same version on both sides.")
                           : tr("Version %1 (left) and version %2 (right): removed words are "
                                "struck out, added words are green.")
                                 .arg(older.number)
                                 .arg(newer.number));
}

} // namespace civicdesk
