#include "ui/history/historysearchview.h"

#include "models/itemmodels/requestlistmodel.h"
#include "ui/history/readablecolumn.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

namespace {
// A date edit whose lowest date means "no limit" (shown as its special text).
QDateEdit *dateEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(QDate(2000, 1, 1));
    edit->setDate(edit->minimumDate());
    return edit;
}

QDate chosen(const QDateEdit *edit)
{
    return edit->date() == edit->minimumDate() ? QDate() : edit->date();
}
} // namespace

HistorySearchView::HistorySearchView(RequestListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_filterLabel(new QLabel(this)),
      m_filter(new QLineEdit(this)), m_status(new QComboBox(this)), m_phoneLabel(new QLabel(this)),
      m_phone(new QLineEdit(this)), m_typeLabel(new QLabel(this)), m_type(new QLineEdit(this)),
      m_fromLabel(new QLabel(this)), m_from(dateEdit(QStringLiteral("historyFromDateEdit"), this)),
      m_toLabel(new QLabel(this)), m_to(dateEdit(QStringLiteral("historyToDateEdit"), this)),
      m_countLabel(new QLabel(this)), m_table(new QTableView(this)), m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("historySearchView"));
    m_filter->setObjectName(QStringLiteral("historyFilterLineEdit"));
    m_filter->setClearButtonEnabled(true);
    m_filterLabel->setBuddy(m_filter);
    m_status->setObjectName(QStringLiteral("historyStatusComboBox"));
    m_phone->setObjectName(QStringLiteral("historyPhoneLineEdit"));
    m_phone->setClearButtonEnabled(true);
    m_phoneLabel->setBuddy(m_phone);
    m_type->setObjectName(QStringLiteral("historyTypeLineEdit"));
    m_type->setClearButtonEnabled(true);
    m_typeLabel->setBuddy(m_type);
    m_fromLabel->setBuddy(m_from);
    m_toLabel->setBuddy(m_to);
    m_countLabel->setObjectName(QStringLiteral("historyCountLabel"));
    m_table->setObjectName(QStringLiteral("requestTableView"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrows move in it
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    // The request columns and then the opening date; the type names are the city's own, some
    // long ("Schedule a Bulk Item Pickup").
    const ColumnFit fit = requestColumnsFit(m_table, 26);
    fitColumns(m_table, m_model, fit);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(RequestListModel::Opened, Qt::DescendingOrder);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filterLabel);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_status);
    auto *more = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_phoneLabel, m_phone, m_typeLabel, m_type})
        more->addWidget(w);
    // The dates on a row of their own: a long translation of "any date" is never cut.
    auto *dates = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_fromLabel, m_from, m_toLabel, m_to})
        dates->addWidget(w);
    dates->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(more);
    layout->addLayout(dates);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_table, 1);
    setTabOrder(m_filter, m_status);
    setTabOrder(m_status, m_phone);
    setTabOrder(m_phone, m_type);
    setTabOrder(m_type, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_table);

    for (QLineEdit *edit : {m_filter, m_phone, m_type})
        connect(edit, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QDateEdit *edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, m_debounce, qOverload<>(&QTimer::start));
        // Tab leaves the date (its day, month and year are reached with Left and Right): a
        // date edit showing "any date" otherwise keeps Tab among its sections for ever.
        edit->installEventFilter(this);
    }
    connect(m_debounce, &QTimer::timeout, this, &HistorySearchView::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistorySearchView::applyFilter);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistorySearchView::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistorySearchView::updateCount);
    connect(m_model, &RequestListModel::loadingChanged, this, &HistorySearchView::updateCount);
    connect(m_model, &RequestListModel::failed, this, [this](const QString &message) {
        m_error = message;
        updateCount();
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit requestActivated(index.data(RequestListModel::IdRole).toString());
    });
    retranslate();
}

// The strings the history panel had before it was split keep their translation context.
void HistorySearchView::retranslate()
{
    m_filterLabel->setText(QCoreApplication::translate("civicdesk::HistoryPanel", "Find:"));
    m_filter->setPlaceholderText(
        QCoreApplication::translate("civicdesk::HistoryPanel", "Request number, address or type"));
    m_filter->setAccessibleName(
        QCoreApplication::translate("civicdesk::HistoryPanel", "Find requests"));
    const int current = std::max(0, m_status->currentIndex());
    const QSignalBlocker blocker(m_status);
    m_status->clear();
    m_status->addItem(QCoreApplication::translate("civicdesk::HistoryPanel", "Any status"),
                      QString());
    m_status->addItem(QCoreApplication::translate("civicdesk::HistoryPanel", "Open"),
                      QStringLiteral("open"));
    m_status->addItem(QCoreApplication::translate("civicdesk::HistoryPanel", "In progress"),
                      QStringLiteral("in_progress"));
    m_status->addItem(QCoreApplication::translate("civicdesk::HistoryPanel", "Closed"),
                      QStringLiteral("closed"));
    m_status->setCurrentIndex(current);
    m_status->setAccessibleName(
        QCoreApplication::translate("civicdesk::HistoryPanel", "Status filter"));
    m_phoneLabel->setText(tr("Phone:"));
    m_phone->setPlaceholderText(tr("Caller's phone"));
    m_typeLabel->setText(tr("Type:"));
    m_type->setPlaceholderText(tr("Type name or code"));
    m_fromLabel->setText(tr("Opened from:"));
    m_toLabel->setText(tr("to:"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setSpecialValueText(tr("any date"));
        // A calendar-popup date edit's size hint leaves its text a few pixels short: room
        // for two more characters keeps "any date" (and its translations) whole.
        edit->setMinimumWidth(edit->sizeHint().width() +
                              2 * edit->fontMetrics().averageCharWidth());
    }
    m_table->setAccessibleName(QCoreApplication::translate("civicdesk::HistoryPanel", "Requests"));
    updateCount();
}

bool HistorySearchView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && (watched == m_from || watched == m_to)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool noModifier = !(key->modifiers() & ~Qt::ShiftModifier);
        if (noModifier && (key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab)) {
            focusNextPrevChild(key->key() == Qt::Key_Tab &&
                               !(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void HistorySearchView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HistorySearchView::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void HistorySearchView::applyFilter()
{
    m_debounce->stop();
    HistoryFilter filter = m_model->filter();
    filter.text = m_filter->text();
    filter.status = requestStatusFromName(m_status->currentData().toString());
    filter.phone = m_phone->text();
    filter.type = m_type->text();
    // A type is found by its name in the window's language too ("bache").
    filter.typeCodes = m_model->typeNames().codesMatching(filter.type);
    const QDate from = chosen(m_from);
    const QDate to = chosen(m_to);
    // Whole days in the agent's zone; "to" includes its day.
    filter.openedFrom = from.isValid() ? from.startOfDay() : QDateTime();
    filter.openedTo = to.isValid() ? to.addDays(1).startOfDay() : QDateTime();
    m_error.clear();
    m_model->setFilter(filter);
}

void HistorySearchView::updateCount()
{
    if (!m_error.isEmpty()) {
        m_countLabel->setText(tr("The search failed: %1").arg(m_error));
        return;
    }
    if (m_model->isLoading()) {
        m_countLabel->setText(tr("Searching…"));
        return;
    }
    const QLocale locale;
    const QString total = m_model->totalIsCapped()
                              ? tr("%1+").arg(locale.toString(RequestListModel::CountCap))
                              : locale.toString(m_model->totalCount());
    m_countLabel->setText(
        QCoreApplication::translate("civicdesk::HistoryPanel", "%1 requests (%2 loaded)")
            .arg(total, locale.toString(m_model->rowCount())));
}

} // namespace civicdesk
