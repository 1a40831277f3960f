#pragma once

#include "models/sync/centrallookup.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace civicdesk {

// Find requests beyond this workstation's replica by number, phone or address: asked of the
// central store when online; offline, the local records answer and a note says so.
class CentralLookupDialog : public QDialog
{
    Q_OBJECT

public:
    CentralLookupDialog(CentralLookup &lookup, QWidget *parent = nullptr);

    void search();

private:
    CentralLookup &m_lookup;
    QComboBox *m_key;
    QLineEdit *m_value;
    QLabel *m_note;
    QTreeWidget *m_results;
};

} // namespace civicdesk
