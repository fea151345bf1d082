#define IDD_MAIN  100
#define IDC_NAME  101
#define IDC_SHOUT 102
#define IDC_GREET 103
#define IDC_OUT   104
#define IDC_TICKS 105
#define IDS_HELLO 200
#define IDI_APP   300
