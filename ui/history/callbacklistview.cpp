#include "history/callbacklistview.h"

#include "itemmodels/callbacklistmodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace civicdesk {

CallbackListView::CallbackListView(const QTimeZone &cityZone, QWidget *parent)
    : QWidget(parent), m_model(new CallbackListModel(this)), m_caption(new QLabel(this)),
      m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("callbacksView"));
    m_caption->setObjectName(QStringLiteral("callbacksLabel"));
    m_caption->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("callbacksTableView"));
    m_model->setDisplayTimeZone(cityZone);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(CallbackListModel::Note,
                                                      QHeaderView::Stretch);
    m_caption->setBuddy(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(CallbackListModel::RequestIdRole).toString();
        if (!id.isEmpty())
            emit requestActivated(id);
    });
    retranslate();
}

void CallbackListView::retranslate()
{
    m_caption->setText(m_model->rowCount() == 0
                           ? tr("No callbacks waiting. Schedule one from a request's detail.")
                           : tr("Callbacks waiting, the earliest due first: %1 overdue or due "
                                "within %2 minutes.")
                                 .arg(m_model->dueCount())
                                 .arg(CallbackEntry::DueSoonMinutes));
    m_table->setAccessibleName(tr("Callbacks"));
}

void CallbackListView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CallbackListView::setEntries(QList<CallbackEntry> entries)
{
    m_model->setEntries(std::move(entries));
    retranslate();
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, 0));
}

} // namespace civicdesk
