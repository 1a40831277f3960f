#include "ui/intake/typepicker.h"

#include "models/city/cataloguerepository.h"
#include "models/domain/text/textmatch.h"
#include "models/itemmodels/servicetypemodel.h"
#include "ui_typepicker.h"

#include <QEvent>
#include <QKeyEvent>
#include <QSortFilterProxyModel>
#include <algorithm>

namespace civicdesk {

// Every typed word must appear in the type's name (in the window's language or the city's),
// group, keywords or synonyms; accents and case do not count.
class TypeFilterProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setWords(const QString &text)
    {
        m_words = textmatch::fold(text).split(u' ', Qt::SkipEmptyParts);
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_words.isEmpty())
            return true;
        const QString text = textmatch::fold(
            sourceModel()->index(row, 0, parent).data(ServiceTypeModel::SearchTextRole).toString());
        return std::all_of(m_words.cbegin(), m_words.cend(),
                           [&text](const QString &w) { return text.contains(w); });
    }

private:
    QStringList m_words;
};

TypePicker::TypePicker(const CatalogueRepository &catalogue, QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::TypePicker>()), m_catalogue(catalogue),
      m_model(new ServiceTypeModel(catalogue, this)), m_proxy(new TypeFilterProxy(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_ui->typeListView->setModel(m_proxy);
    m_ui->typeListView->setMinimumHeight(m_ui->typeListView->fontMetrics().height() * 7);
    m_ui->typeDetailBrowser->setMaximumHeight(m_ui->typeDetailBrowser->fontMetrics().height() * 9);
    m_ui->typeSearchLineEdit->installEventFilter(this);
    connect(m_ui->typeSearchLineEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setWords(text);
        if (m_proxy->rowCount() > 0)
            m_ui->typeListView->setCurrentIndex(m_proxy->index(0, 0));
        else
            showDetail({});
    });
    connect(m_ui->typeSearchLineEdit, &QLineEdit::textEdited, this,
            [this] { setCollapsed(false); });
    connect(m_ui->typeSearchLineEdit, &QLineEdit::returnPressed, this, [this] {
        if (const QString code = currentCode(); !code.isEmpty())
            emit typeActivated(code);
    });
    connect(m_ui->typeListView, &QListView::activated, this, [this] {
        if (const QString code = currentCode(); !code.isEmpty())
            emit typeActivated(code);
    });
    connect(m_ui->typeListView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showDetail(current); });
    if (m_proxy->rowCount() > 0)
        m_ui->typeListView->setCurrentIndex(m_proxy->index(0, 0));
    showDetail(m_ui->typeListView->currentIndex());
}

TypePicker::~TypePicker() = default;

QLineEdit *TypePicker::searchEdit() const
{
    return m_ui->typeSearchLineEdit;
}

QListView *TypePicker::listView() const
{
    return m_ui->typeListView;
}

void TypePicker::focusSearch()
{
    m_ui->typeSearchLineEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->typeSearchLineEdit->selectAll();
}

void TypePicker::clearSearch()
{
    m_ui->typeSearchLineEdit->clear();
}

int TypePicker::visibleTypeCount() const
{
    return m_proxy->rowCount();
}

QString TypePicker::currentCode() const
{
    return m_ui->typeListView->currentIndex().data(ServiceTypeModel::CodeRole).toString();
}

void TypePicker::selectType(const QString &code)
{
    const auto find = [this, &code] {
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const QModelIndex index = m_proxy->index(row, 0);
            if (index.data(ServiceTypeModel::CodeRole).toString() == code)
                return index;
        }
        return QModelIndex();
    };
    QModelIndex index = find();
    if (!index.isValid()) {
        m_ui->typeSearchLineEdit->clear(); // the search hid it
        index = find();
    }
    if (index.isValid()) {
        m_ui->typeListView->setCurrentIndex(index);
        m_ui->typeListView->scrollTo(index);
    }
}

void TypePicker::setCollapsed(bool collapsed)
{
    m_collapsed = collapsed;
    QListView *list = m_ui->typeListView;
    if (collapsed) {
        const int row = std::max(list->sizeHintForRow(0), list->fontMetrics().height());
        list->setFixedHeight(row + 2 * list->frameWidth());
        if (list->currentIndex().isValid())
            list->scrollTo(list->currentIndex());
    } else {
        list->setMinimumHeight(list->fontMetrics().height() * 7);
        list->setMaximumHeight(QWIDGETSIZE_MAX);
    }
    m_ui->typeDetailBrowser->setVisible(!collapsed);
}

bool TypePicker::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_ui->typeSearchLineEdit || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (key != Qt::Key_Down && key != Qt::Key_Up && key != Qt::Key_PageDown &&
        key != Qt::Key_PageUp)
        return QWidget::eventFilter(watched, event);
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return true;
    const int step = key == Qt::Key_Down       ? 1
                     : key == Qt::Key_Up       ? -1
                     : key == Qt::Key_PageDown ? 10
                                               : -10;
    const int row = std::clamp(m_ui->typeListView->currentIndex().row() + step, 0, rows - 1);
    m_ui->typeListView->setCurrentIndex(m_proxy->index(row, 0));
    return true;
}

void TypePicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showDetail(m_ui->typeListView->currentIndex());
    }
    QWidget::changeEvent(event);
}

void TypePicker::showDetail(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        m_ui->typeDetailBrowser->setHtml(tr("<p>No request type matches. Try another word, or "
                                            "pick <i>General request</i>.</p>"));
        return;
    }
    const auto type =
        m_catalogue.serviceType(proxyIndex.data(ServiceTypeModel::CodeRole).toString());
    if (!type)
        return;
    // The type as the window's language names it, and the city's own name beside it when they
    // differ (what the city's staff and Open311 call it).
    const QString shown = proxyIndex.data(Qt::DisplayRole).toString();
    QString html = u"<h3>" + shown.toHtmlEscaped() + u"</h3>";
    if (shown != type->name)
        html +=
            u"<p><small>" + tr("City's name: %1").arg(type->name.toHtmlEscaped()) + u"</small></p>";
    html +=
        u"<p>" + type->description.toHtmlEscaped() + u"</p><p><b>" + tr("Department:") + u"</b> ";
    const auto department = m_catalogue.department(type->departmentCode);
    html += department ? department->name.toHtmlEscaped() : tr("not assigned");
    html += u"<br><b>" + tr("Service level:") + u"</b> " + ServiceTypeModel::slaText(type->sla);
    if (type->sla && type->sla->source == u"history")
        html += u' ' + tr("(from the city's past target dates)");
    html += u"<br><small>" +
            tr("%n question(s)", nullptr,
               int(std::count_if(type->attributes.cbegin(), type->attributes.cend(),
                                 [](const ServiceAttribute &a) { return a.variable; }))) +
            u" · " + tr("Enter to start this request") + u"</small></p>";
    m_ui->typeDetailBrowser->setHtml(html);
}

} // namespace civicdesk
