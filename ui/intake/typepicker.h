#pragma once

#include <QWidget>
#include <memory>

class QLineEdit;
class QListView;
class QModelIndex;

namespace civicdesk {

namespace Ui {
class TypePicker;
}

class CatalogueRepository;
class ServiceTypeModel;
class TypeFilterProxy;

// The request type, chosen by typing: every word must appear in a type's name, group, keywords
// or synonyms. Up and Down in the search move through the list, Enter (or activating a row)
// chooses the type; the type's department, service level and questions are shown below.
class TypePicker : public QWidget
{
    Q_OBJECT

public:
    explicit TypePicker(const CatalogueRepository &catalogue, QWidget *parent = nullptr);
    ~TypePicker() override;

    QLineEdit *searchEdit() const;
    QListView *listView() const;
    void focusSearch();
    void clearSearch();
    int visibleTypeCount() const;
    // The type under the cursor (empty: none matches).
    QString currentCode() const;
    // The list shows this type (the search is cleared when it hides it).
    void selectType(const QString &code);
    // Once a type is chosen the list shrinks to its one row and the details go, so the
    // questions get the room; typing in the search opens the whole list again.
    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return m_collapsed; }

signals:
    // Enter in the search or on a row: the agent chose the type under the cursor.
    void typeActivated(const QString &code);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showDetail(const QModelIndex &proxyIndex);

    std::unique_ptr<Ui::TypePicker> m_ui;
    const CatalogueRepository &m_catalogue;
    ServiceTypeModel *m_model;
    TypeFilterProxy *m_proxy;
    bool m_collapsed = false;
};

} // namespace civicdesk
