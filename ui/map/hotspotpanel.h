#pragma once

#include "ui/map/hexbin.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace civicdesk {

class MapRequestRepository;

// Hot spots for supervisors: requests of the chosen types over a chosen period, binned into
// hexagons for the map and counted per neighbourhood in a table (the table is the accessible
// form of the map layer).
class HotSpotPanel : public QWidget
{
    Q_OBJECT

public:
    HotSpotPanel(const MapRequestRepository &requests, QWidget *parent = nullptr);

    // Fills the type list and period from the store again (after an import): at once when
    // shown, else when next shown or used. A new panel fills them then too.
    void reload();
    void setCellSize(int meters);
    void selectTypes(const QStringList &serviceCodes);
    void setPeriod(const QDate &from, const QDate &to);
    int neighborhoodRowCount() const;

public slots:
    void compute();
    void clear();

signals:
    void hotspotsComputed(const QList<civicdesk::HexCell> &cells, const QString &title);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void fill();
    void ensureFilled();

    const MapRequestRepository &m_requests;
    QLabel *m_typesLabel;
    QListWidget *m_types;
    QLabel *m_fromLabel;
    QDateEdit *m_from;
    QLabel *m_toLabel;
    QDateEdit *m_to;
    QLabel *m_cellLabel;
    QComboBox *m_cell;
    QPushButton *m_show;
    QPushButton *m_clear;
    QLabel *m_summary;
    QStandardItemModel *m_model;
    QTableView *m_table;
    bool m_filled = false;
};

} // namespace civicdesk
