#include "history/historypanel.h"

#include "itemmodels/requestlistmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

HistoryPanel::HistoryPanel(const RequestRepository &requests, const QTimeZone &cityZone,
                           QWidget *parent)
    : QWidget(parent), m_model(new RequestListModel(requests, this)),
      m_filterLabel(new QLabel(this)), m_filter(new QLineEdit(this)), m_status(new QComboBox(this)),
      m_countLabel(new QLabel(this)), m_table(new QTableView(this)), m_debounce(new QTimer(this))
{
    m_model->setDisplayTimeZone(cityZone);
    m_filter->setObjectName(QStringLiteral("historyFilterLineEdit"));
    m_filter->setClearButtonEnabled(true);
    m_filterLabel->setBuddy(m_filter);
    m_status->setObjectName(QStringLiteral("historyStatusComboBox"));
    m_countLabel->setObjectName(QStringLiteral("historyCountLabel"));
    m_table->setObjectName(QStringLiteral("requestTableView"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(RequestListModel::Address,
                                                      QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widthOf = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 24;
    };
    m_table->setColumnWidth(RequestListModel::Number, widthOf(QStringLiteral("101001685666")));
    m_table->setColumnWidth(RequestListModel::Type,
                            widthOf(QStringLiteral("Street Light Outages")));
    m_table->setColumnWidth(RequestListModel::Status, widthOf(QStringLiteral("In progress")));
    m_table->setColumnWidth(RequestListModel::Sla, widthOf(QStringLiteral("No target")));
    m_table->setColumnWidth(RequestListModel::Channel, widthOf(QStringLiteral("Employee")));
    m_table->setColumnWidth(RequestListModel::Opened, widthOf(QStringLiteral("12/31/15 11:59 PM")));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filterLabel);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_table, 1);
    setTabOrder(m_filter, m_status);
    setTabOrder(m_status, m_table);

    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &HistoryPanel::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistoryPanel::applyFilter);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPanel::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryPanel::updateCount);
    retranslate();
}

void HistoryPanel::retranslate()
{
    m_filterLabel->setText(tr("Fi&nd:"));
    m_filter->setPlaceholderText(tr("Request number, address or type"));
    m_filter->setAccessibleName(tr("Find requests"));
    const int current = std::max(0, m_status->currentIndex());
    const QSignalBlocker blocker(m_status);
    m_status->clear();
    m_status->addItem(tr("Any status"), QString());
    m_status->addItem(tr("Open"), QStringLiteral("open"));
    m_status->addItem(tr("In progress"), QStringLiteral("in_progress"));
    m_status->addItem(tr("Closed"), QStringLiteral("closed"));
    m_status->setCurrentIndex(current);
    m_status->setAccessibleName(tr("Status filter"));
    m_table->setAccessibleName(tr("Requests"));
    updateCount();
}

void HistoryPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HistoryPanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void HistoryPanel::applyFilter()
{
    RequestFilter filter;
    filter.text = m_filter->text();
    filter.status = requestStatusFromName(m_status->currentData().toString());
    m_model->setFilter(filter);
}

void HistoryPanel::updateCount()
{
    const QLocale locale;
    m_countLabel->setText(
        tr("%1 requests (%2 loaded)")
            .arg(locale.toString(m_model->totalCount()), locale.toString(m_model->rowCount())));
}

} // namespace civicdesk
